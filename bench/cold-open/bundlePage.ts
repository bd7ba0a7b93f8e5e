// Builds the cold-open page (page.ts and the app's own src/lib it imports) into one ES module
// plus its lazy chunks (libsodium), with Vite in library mode: the same bundler and resolution
// as the app (`$lib` → src/lib), minified like a production build, and no config file (this
// module is the config).
import { resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The Vite configuration of the page bundle, written to `outDir`.
 *
 * @example
 *   await build(coldOpenViteConfig('/tmp/cold-open'));
 */
export function coldOpenViteConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: import.meta.dirname,
    publicDir: false,
    logLevel: 'warn',
    resolve: { alias: { $lib: resolve(ROOT, 'src/lib') } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      lib: {
        entry: resolve(import.meta.dirname, 'page.ts'),
        formats: ['es'],
        fileName: () => 'page.js',
      },
    },
  };
}

/**
 * Builds the page bundle into `outDir` (`page.js` and its chunks).
 *
 * @example
 *   await bundlePage('/tmp/cold-open');
 */
export async function bundlePage(outDir: string): Promise<void> {
  await build(coldOpenViteConfig(outDir));
}
