// Builds the Electron main process and the preload into dist-electron/ as CommonJS.
// Two separate bundles on purpose: built together, Rolldown would move the IPC contract they
// share into a third chunk, and a sandboxed preload cannot require a relative file.
// Run with `vite build -c vite.electron.config.ts`; it never touches dist/renderer.
import { builtinModules } from 'node:module';
import { defineConfig, type BuildEnvironmentOptions } from 'vite';

const ENTRIES = ['main', 'preload'] as const;
type Entry = (typeof ENTRIES)[number];

// Electron and Node built-ins are provided at runtime; everything else is bundled in.
const external = ['electron', /^electron\//, /^node:/, ...builtinModules];

function electronBundle(entry: Entry): BuildEnvironmentOptions {
  return {
    outDir: 'dist-electron',
    // Only the first bundle empties dist-electron; the second adds to it.
    emptyOutDir: entry === ENTRIES[0],
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    lib: {
      entry: { [entry]: `electron/${entry}.ts` },
      formats: ['cjs'],
      fileName: (_format, entryName) => `${entryName}.cjs`,
    },
    rolldownOptions: { external },
  };
}

export default defineConfig({
  publicDir: false,
  builder: {
    async buildApp(builder) {
      // Sequential, so the emptying build runs first.
      for (const entry of ENTRIES) {
        const environment = builder.environments[entry];
        if (!environment) throw new Error(`missing build environment ${entry}`);
        await builder.build(environment);
      }
    },
  },
  environments: Object.fromEntries(
    ENTRIES.map((entry) => [entry, { consumer: 'server' as const, build: electronBundle(entry) }]),
  ),
});
