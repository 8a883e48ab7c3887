import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { z } from 'zod'

// zod 4 probes `new Function` before compiling object parsers; under the CSP without
// 'unsafe-eval' (ADR 015, 041) the probe fails quietly but the browser reports a violation.
z.config({ jitless: true })

startTransition(() => {
	hydrateRoot(
		document,
		<StrictMode>
			<RemixBrowser />
		</StrictMode>,
	)
})
