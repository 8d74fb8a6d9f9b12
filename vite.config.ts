import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'

export default defineConfig({
  root: 'src/web',
  // Brotli and gzip copies of every text file beside it, made once at build time: the server sends
  // the one the browser accepts (fastify-static's preCompressed) and never compresses per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' })],
  // No source maps in the build: they would be served to anyone (the dev server keeps its own).
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
})
