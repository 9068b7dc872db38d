// Webpack configuration of the Excel add-in (task pane + custom functions in one shared runtime).
//
//   npm run build        -> webpack --mode production   (dist/, no certificates needed or touched)
//   npm run build:dev    -> webpack --mode development
//   npm run dev-server   -> webpack serve --mode development   (https://localhost:3000 when the
//                           Office dev certificates exist: `npx office-addin-dev-certs install`)
//
// dist/ after a build:
//   taskpane.html   the shared-runtime page (task pane and custom functions); loads functions.js
//                   then taskpane.js
//   functions.js    custom functions bundle (self-contained: it also carries the webpack runtime)
//   taskpane.js     task pane bundle (needs functions.js on the page first, see `dependOn` below)
//   functions.json  custom functions metadata generated from the JSDoc of src/functions/functions.ts
//   taskpane.css, assets/icon-*.png, manifest.xml, *.map
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const DEV_SERVER_PORT = 3000;
const FUNCTIONS_SOURCE = path.resolve(__dirname, 'src/functions/functions.ts');

/** Paths where office-addin-dev-certs keeps the localhost certificate (~/.office-addin-dev-certs). */
function devCertificatePaths() {
  try {
    const defaults = require('office-addin-dev-certs/lib/defaults');
    return {
      ca: defaults.caCertificatePath,
      cert: defaults.localhostCertificatePath,
      key: defaults.localhostKeyPath,
    };
  } catch {
    const dir = path.join(os.homedir(), '.office-addin-dev-certs');
    return {
      ca: path.join(dir, 'ca.crt'),
      cert: path.join(dir, 'localhost.crt'),
      key: path.join(dir, 'localhost.key'),
    };
  }
}

/**
 * Server settings for `webpack serve`: https with the Office dev certificates when they exist,
 * plain http (with a warning: Office only loads https add-ins) otherwise. Never generates or
 * installs certificates itself.
 */
async function devServerTransport() {
  const files = devCertificatePaths();
  const present = [files.ca, files.cert, files.key].every((f) => fs.existsSync(f));
  if (!present) {
    console.warn(
      `[ipb] No Office dev certificates in ${path.dirname(files.cert)}: serving plain http on port ` +
        `${DEV_SERVER_PORT}. Office loads add-ins over https only; run ` +
        '`npx office-addin-dev-certs install` and restart the dev server.',
    );
    return 'http';
  }
  try {
    const devCerts = require('office-addin-dev-certs');
    return { type: 'https', options: await devCerts.getHttpsServerOptions() };
  } catch (err) {
    console.warn(
      `[ipb] office-addin-dev-certs could not verify or install the certificates (${err && err.message}); ` +
        'using the certificate files as they are.',
    );
    return {
      type: 'https',
      options: {
        ca: fs.readFileSync(files.ca),
        cert: fs.readFileSync(files.cert),
        key: fs.readFileSync(files.key),
      },
    };
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const serving = Boolean(env.WEBPACK_SERVE);

  return {
    mode,
    // Never an eval-based devtool: the page's Content-Security-Policy has no 'unsafe-eval'.
    devtool: 'source-map',
    target: ['web', 'es2020'],
    entry: {
      // Order matters: HtmlWebpackPlugin writes the <script> tags in entry order.
      functions: './src/functions/functions.ts',
      taskpane: {
        import: './src/taskpane/taskpane.ts',
        // Both bundles run on the same page (shared runtime). `dependOn` makes taskpane.js reuse
        // functions.js's webpack runtime and module instances, so a module imported by both entries
        // (e.g. src/core state such as a loaded data universe or settings) exists exactly once.
        dependOn: 'functions',
      },
      // Web Worker of the Block 3 keyword extraction (src/taskpane/keywordPool.ts starts it by this name): a
      // standalone bundle, not on the page. lindera's glue locates its .wasm with new URL(…, import.meta.url),
      // which webpack emits as an asset (a hashed .wasm next to the bundles) and rewrites to that asset's URL.
      keywordWorker: './src/taskpane/keywordWorker.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.resolve(__dirname, 'tsconfig.json'),
            },
          },
        },
      ],
    },
    plugins: [
      // Writes functions.json from the JSDoc (@customfunction) of the listed file, and appends a
      // `CustomFunctions.associate("<ID>", <function>);` call per custom function to that file's
      // source through its own loader.
      new CustomFunctionsMetadataPlugin({
        output: 'functions.json',
        input: FUNCTIONS_SOURCE,
      }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane', 'functions'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'manifest.xml', to: 'manifest.xml' },
          { from: 'data/ipc-subclasses.tsv', to: 'ipc-subclasses.tsv' },
        ],
      }),
    ],
    performance: {
      // The bundles are served from localhost / the add-in's own origin, not over a slow network.
      hints: false,
    },
    devServer: serving
      ? {
          port: DEV_SERVER_PORT,
          server: await devServerTransport(),
          headers: { 'Access-Control-Allow-Origin': '*' },
          static: false,
          hot: true,
          client: { overlay: { errors: true, warnings: false } },
        }
      : undefined,
  };
};
