import { aptInstall, existsSync } from './support/system.ts';

/** The end-to-end tests drive Debian's chromium (playwright cannot download browsers here) with a CJK font. */
const missing = [
  ...(existsSync('/usr/bin/chromium') ? [] : ['chromium']),
  ...(existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc') ? [] : ['fonts-noto-cjk']),
];
if (missing.length > 0) aptInstall(missing, 'the desk end-to-end tests need a browser and Chinese fonts');
process.stdout.write('chromium is installed\n');
