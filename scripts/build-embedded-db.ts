// Part of `npm run build`: the embedded database's template in dist/embedded-db (decision 036), which a
// first start on an empty DATA_DIR copies instead of running initdb and every migration.
import { EMBEDDED_TEMPLATE_DIR, writeEmbeddedTemplate } from '../src/server/db/embedded-template.ts'

const started = performance.now()
const { bytes, migrations } = await writeEmbeddedTemplate()
console.log(
  `Embedded database template: ${migrations.length} migrations, ${Math.round(bytes / 1024)} KB in ${EMBEDDED_TEMPLATE_DIR} (${Math.round(performance.now() - started)} ms)`,
)
// The closed database leaves nothing to wait for; PGlite's module keeps the event loop alive.
process.exit(0)
