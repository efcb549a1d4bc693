import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { reportError } from './lib/errors.ts';
import { session } from './lib/session.svelte.ts';

// A promise nobody awaited still ends in the funnel, so no failure is silent.
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  reportError(event.reason);
});

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

mount(App, { target });
void session.restore();
