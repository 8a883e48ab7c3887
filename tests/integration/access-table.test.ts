// The access table (app/utils/access.ts) is the one place roles are written: the navigation
// shows what it admits, every route guard names one of its areas, and an area it lacks is
// refused. That every route answers as the table says, for every identity, is proven by
// calling them all: tests/security/authorization.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ACCESS, LESSON_PAGE_AREA, mayEnter, NAV_ENTRIES, navFor, rolesOf, SIGNED_IN, type AccessArea } from '#app/utils/access.ts'
import { ROLES } from '#app/utils/roles.ts'

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../app/routes')

function routeModules(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = path.join(dir, entry)
		if (statSync(full).isDirectory()) return routeModules(full)
		return /\.(tsx?)$/.test(entry) && !/\.test\./.test(entry) && !entry.startsWith('__') ? [full] : []
	})
}

const AREA_CALL = /\brequireAccess\(\s*request\s*,\s*(?:'([^']+)'|(LESSON_PAGE_AREA)\b)/g
/** Areas named by a constant where two paths share one guard (the lesson page, ADR 036). */
const NAMED_AREAS: Record<string, string> = { LESSON_PAGE_AREA }

describe('the access table', () => {
	test('every navigation entry opens an area of the table, shown only to roles the table admits there', () => {
		for (const entry of NAV_ENTRIES) {
			expect(Object.keys(ACCESS), entry.label).toContain(entry.to)
			expect(entry.roles.length, entry.label).toBeGreaterThan(0)
			for (const role of entry.roles) expect(rolesOf(entry.to), `${entry.label} shows to ${role}`).toContain(role)
		}
		// Only 考试 is narrower than its area (the papers are the learners').
		const narrowed = NAV_ENTRIES.filter((entry) => entry.roles.length !== rolesOf(entry.to).length).map((entry) => entry.to)
		expect(narrowed).toEqual(['/exams'])
	})

	test('the navigation follows the table per role', () => {
		expect(navFor(['learner']).map((entry) => entry.to)).toEqual(['/learn', '/exams', '/rankings'])
		expect(navFor(['lecturer']).map((entry) => entry.to)).toEqual(['/learn', '/rankings', '/lecturer', '/bank', '/grading'])
		expect(navFor(['mentor']).map((entry) => entry.to)).toEqual(['/learn', '/rankings', '/mentor'])
		expect(navFor(['admin']).map((entry) => entry.to)).toEqual(['/learn', '/rankings', '/lecturer', '/bank', '/grading', '/admin'])
	})

	test('an area missing from the table admits no one (deny by default)', () => {
		expect(mayEnter([...ROLES], '/secret' as AccessArea)).toBe(false)
		expect(mayEnter([...ROLES], 'toString' as AccessArea)).toBe(false)
		expect(mayEnter(['learner'], '/bank')).toBe(false)
		expect(mayEnter(['learner'], '/learn')).toBe(true)
		expect(mayEnter([], '/learn')).toBe(ACCESS['/learn'] === SIGNED_IN)
		expect(mayEnter(['lecturer'], '/bank/:questionId/key')).toBe(false)
		expect(mayEnter(['lecturer'], '/admin/rounds/:roundId/stats')).toBe(true)
	})

	test('every route module with a loader or action guards it with an area of the table, and every area is used', () => {
		const used = new Set<string>()
		for (const file of routeModules(ROUTES_DIR)) {
			const relative = path.relative(ROUTES_DIR, file)
			const source = readFileSync(file, 'utf8')
			if (!/^export\s+(async\s+)?(function|const)\s+(loader|action)\b/m.test(source)) continue
			const areas = [...source.matchAll(AREA_CALL)].map((match) => match[1] ?? NAMED_AREAS[match[2]!]!)
			const otherGuard = /\b(requireAnonymous|allowPublic)\(/.test(source)
			expect(areas.length > 0 || otherGuard, `${relative} has a loader or action but no requireAccess`).toBe(true)
			if (areas.length) expect(source, relative).toMatch(/import \{[^}]*\brequireAccess\b[^}]*\} from '#app\/utils\/auth\.server\.ts'/)
			for (const area of areas) {
				expect(Object.keys(ACCESS), `${relative} guards with '${area}'`).toContain(area)
				used.add(area)
			}
		}
		expect([...used].sort()).toEqual(Object.keys(ACCESS).sort())
	})
})
