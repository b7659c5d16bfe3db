import { defineConfig } from "vitest/config";

// The app loads the built files from ui/dist (tauri.conf.json frontendDist); no dev server URL
// is baked into the binary (BUILD-NOTES: keep devUrl out of tauri.conf.json).
export default defineConfig({
  clearScreen: false,
  build: { outDir: "dist", emptyOutDir: true, target: "safari15", sourcemap: false },
  server: { port: 1420, strictPort: true },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
