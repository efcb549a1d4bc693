// Runes everywhere: the desk is written for Svelte 5 only, so legacy syntax is a compile error.
export default {
  compilerOptions: { runes: true },
};
