// zod 4 probes `new Function` when an object schema is built, unless told not to. Under the
// CSP without 'unsafe-eval' (ADR 015, 041) the probe fails quietly but the browser reports a
// violation, and schemas are built as modules load, before entry.client runs. Imported first
// by app/root.tsx so it runs before any other module builds a schema.
import { z } from 'zod'

z.config({ jitless: true })
