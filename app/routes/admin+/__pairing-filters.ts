// The pairs-list filters, read from the query string (list) or the form (export) alike.
import { z } from 'zod'
import { PAIRING_FILTERS } from '#app/mentorship/labels.ts'
import type { PairingListFilters } from '#app/mentorship/overview.ts'

const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value)

const Schema = z.object({
	status: z.enum(PAIRING_FILTERS).catch('active'),
	unit: z.preprocess(blankToNull, z.string().max(64).nullable()).catch(null),
	q: z.string().max(64).catch(''),
})

/** Unknown or malformed values fall back to "no filter" rather than an error page. */
export function readPairingFilters(source: URLSearchParams | FormData) {
	const raw = Object.fromEntries([...source.entries()].filter(([, v]) => typeof v === 'string'))
	const parsed = Schema.parse(raw)
	const filters: PairingListFilters = { status: parsed.status, unitId: parsed.unit, q: parsed.q.trim() }
	return { filters, form: { status: parsed.status, unit: parsed.unit ?? '', q: parsed.q } }
}
