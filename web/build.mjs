// Builds the page into dist/ (embedded in the sitrep binary by package web): dist/index.html and
// dist/assets/{app.js, app.css, countries-50m.json, images}. Run by `npm run build` (`make web`).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist/assets', { recursive: true, force: true });
rmSync('dist/index.html', { force: true });
mkdirSync('dist/assets', { recursive: true });

await esbuild.build({
  entryPoints: { app: 'src/main.js' },
  outdir: 'dist/assets',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'images/[name]',
  legalComments: 'linked',
  logLevel: 'info',
});
// Natural Earth 1:50m countries (public domain), as TopoJSON: the offline basemap
copyFileSync(require.resolve('world-atlas/countries-50m.json'), 'dist/assets/countries-50m.json');
copyFileSync('src/index.html', 'dist/index.html');
console.log('web: built dist/');
