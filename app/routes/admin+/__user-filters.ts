// The people-list filters, read from the query string (list) or the form (export) alike.
import { z } from 'zod'
import type { UserFilters } from '#app/admin/users.ts'
import { ROLES } from '#app/utils/roles.ts'

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value)

const UserFiltersSchema = z.object({
	q: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
	unit: z.preprocess(blankToUndefined, z.string().max(64).optional()).catch(undefined),
	scope: z.enum(['all', 'self']).catch('all'),
	role: z.preprocess(blankToUndefined, z.enum(ROLES).optional()).catch(undefined),
	status: z.preprocess(blankToUndefined, z.enum(['active', 'inactive', 'pending']).optional()).catch(undefined),
	page: z.coerce.number().int().min(1).catch(1),
})

/** Unknown or malformed values fall back to "no filter" rather than an error page. */
export function readUserFilters(source: URLSearchParams | FormData) {
	const raw = Object.fromEntries([...source.entries()].filter(([, v]) => typeof v === 'string'))
	const parsed = UserFiltersSchema.parse(raw)
	const filters: UserFilters = {
		q: parsed.q,
		unitId: parsed.unit,
		includeSubunits: parsed.scope === 'all',
		role: parsed.role,
		status: parsed.status,
	}
	return { filters, page: parsed.page, form: { q: parsed.q ?? '', unit: parsed.unit ?? '', scope: parsed.scope, role: parsed.role ?? '', status: parsed.status ?? '' } }
}
