// The admin's remaining forms on conform (ADR 070), called as the server calls them (real session
// cookie, real SQLite): bad input comes back in conform's shape next to its field (or above a
// form of buttons), success redirects with the toast cookie, and the refusals stay refusals.
import { beforeAll, describe, expect, test } from 'vitest'
import type * as RoundFixtures from '#app/exams/rounds/test-fixtures.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'

type Person = { id: string; username: string; name: string }

describe('admin forms on conform', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let routes: Record<'pairing' | 'unit' | 'user' | 'seasons' | 'round', Route>
	let roundFixtures: typeof RoundFixtures
	let admin: Person & { unitId: string }
	let people: Record<'mentor' | 'otherMentor' | 'apprentice' | 'learner', Person>
	let unitId: string
	let pairingId: string
	const origin = 'http://localhost'

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		// The routes use the app's shared client, built on first import: point it here first.
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, pairings, pairing, unit, user, seasons, round, rounds] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/admin/test-fixtures.ts'),
			import('#app/mentorship/pairings.ts'),
			import('./mentorship.$pairingId.tsx'),
			import('./units.$unitId.tsx'),
			import('./users.$userId.tsx'),
			import('./seasons._index.tsx'),
			import('./rounds.$roundId.tsx'),
			import('#app/exams/rounds/test-fixtures.ts'),
		])
		routes = { pairing, unit, user, seasons, round } as unknown as typeof routes
		roundFixtures = rounds
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		admin = await fixtures.makeAdmin(db)
		unitId = (await fixtures.makeUnit(db)).id
		const make = (roles: ('mentor' | 'learner')[], name: string) => fixtures.makeUser(db, { unitId, roles, name })
		people = { mentor: await make(['mentor'], '周导师'), otherMentor: await make(['mentor'], '吴导师'), apprentice: await make(['learner'], '郑徒弟'), learner: await make(['learner'], '冯学员') }
		const made = await pairings.createPairing(
			db,
			admin,
			pairings.PairingInputSchema.parse({ mentorId: people.mentor.id, apprenticeId: people.apprentice.id, startsOn: '2026-09-01', endsOn: '2027-08-31' }),
		)
		if (!made.ok) throw new Error('pairing failed')
		pairingId = made.id
	})

	async function post(route: keyof typeof routes, path: string, params: Record<string, string>, form: Record<string, string> | [string, string][], as: { id: string } = admin) {
		const cookie = await cookieOf(as.id)
		const request = new Request(`${origin}${path}`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) })
		return settle(() => routes[route].action!({ request, params, context: {} }))
	}

	test('a pairing: the end and change forms answer at the field, and redirect with a toast', async () => {
		const path = `/admin/mentorship/${pairingId}`
		const params = { pairingId }
		expect((await post('pairing', path, params, { intent: 'end', reason: '调岗' }, people.mentor)).status).toBe(403)

		const noReason = await post('pairing', path, params, { intent: 'end', reason: '  ' })
		expect(noReason.status).toBe(400)
		expect(JSON.parse(noReason.body)).toMatchObject({ status: 'error', error: { reason: ['请填写结束原因'] } })
		const unknownIntent = await post('pairing', path, params, { intent: 'pause' })
		expect(unknownIntent.status).toBe(400)
		expect(JSON.parse(unknownIntent.body).error['']).toEqual(['未知的操作'])

		const nobody = await post('pairing', path, params, { intent: 'change', mentorUsername: 'nobody', startsOn: '2026-10-01' })
		expect(nobody.status).toBe(400)
		// What was typed comes back to refill the form.
		expect(JSON.parse(nobody.body)).toMatchObject({ error: { mentorUsername: ['工号“nobody”不存在'] }, initialValue: { intent: 'change', mentorUsername: 'nobody' } })
		const badDay = await post('pairing', path, params, { intent: 'change', mentorUsername: people.otherMentor.username, startsOn: '2028-01-01' })
		expect(JSON.parse(badDay.body).error.startsOn[0]).toContain('须早于结对期结束日')

		const changed = await post('pairing', path, params, { intent: 'change', mentorUsername: people.otherMentor.username, startsOn: '2026-10-01' })
		expect(changed).toMatchObject({ status: 302, location: expect.stringMatching(/^\/admin\/mentorship\/[^/?]+$/), toast: true })
		const newId = changed.location!.split('/').pop()!
		expect(newId).not.toBe(pairingId)
		expect((await db.pairing.findUniqueOrThrow({ where: { id: pairingId } })).status).toBe('ended')

		const ended = await post('pairing', `/admin/mentorship/${newId}`, { pairingId: newId }, { intent: 'end', reason: '调岗' })
		expect(ended).toMatchObject({ status: 302, location: '/admin/mentorship?status=ended', toast: true })
		const again = await post('pairing', `/admin/mentorship/${newId}`, { pairingId: newId }, { intent: 'end', reason: '调岗' })
		expect(again.status).toBe(400)
		expect(JSON.parse(again.body).error['']).toEqual(['该结对已经结束'])
		expect(await db.auditLog.count({ where: { action: { startsWith: 'mentorship.pairing' }, actorId: admin.id } })).toBeGreaterThanOrEqual(3)
	})

	test('a unit: 停用 and 重新启用 redirect with a toast; a vanished unit is a 404', async () => {
		const path = `/admin/units/${unitId}`
		const off = await post('unit', path, { unitId }, { intent: 'deactivate' })
		expect(off).toMatchObject({ status: 302, location: path, toast: true })
		expect((await db.unit.findUniqueOrThrow({ where: { id: unitId } })).active).toBe(false)
		const on = await post('unit', path, { unitId }, { intent: 'reactivate' })
		expect(on).toMatchObject({ status: 302, location: path, toast: true })
		expect((await post('unit', '/admin/units/nope', { unitId: 'nope' }, { intent: 'deactivate' })).status).toBe(404)
	})

	test('a person: refusals above the button in conform’s shape; 停用 redirects with a toast; a reset shows its password once', async () => {
		const self = `/admin/users/${admin.id}`
		const notSelf = await post('user', self, { userId: admin.id }, { intent: 'deactivate' })
		expect(notSelf.status).toBe(400)
		expect(JSON.parse(notSelf.body)).toMatchObject({ status: 'error', error: { '': ['不能停用自己的账号'] }, initialValue: { intent: 'deactivate' } })
		const ownReset = await post('user', self, { userId: admin.id }, { intent: 'reset-password' })
		expect(JSON.parse(ownReset.body).error['']).toEqual(['不能在这里重置自己的密码，请使用“修改密码”'])

		const path = `/admin/users/${people.learner.id}`
		const params = { userId: people.learner.id }
		// The one exception (ADR 070): the temporary password is shown on the page, never in a URL or cookie.
		const reset = await post('user', path, params, { intent: 'reset-password' })
		expect(reset).toMatchObject({ status: 200, toast: false })
		expect(JSON.parse(reset.body).temporaryPassword).toEqual(expect.any(String))
		const off = await post('user', path, params, { intent: 'deactivate' })
		expect(off).toMatchObject({ status: 302, location: path, toast: true })
		expect((await db.user.findUniqueOrThrow({ where: { id: people.learner.id } })).active).toBe(false)
	})

	test('a season: a bad or taken year is answered at the field; a new one redirects to it with a toast', async () => {
		const year = 2000 + Math.floor(Math.random() * 100)
		await db.season.deleteMany({ where: { year } })
		const bad = await post('seasons', '/admin/seasons', {}, { year: '1999' })
		expect(bad.status).toBe(400)
		expect(JSON.parse(bad.body)).toMatchObject({ status: 'error', error: { year: ['年份须在 2000–2100 之间'] }, initialValue: { year: '1999' } })
		const blank = await post('seasons', '/admin/seasons', {}, { year: '' })
		expect(JSON.parse(blank.body).error.year).toEqual(['请填写年份'])
		const made = await post('seasons', '/admin/seasons', {}, { year: String(year) })
		const season = await db.season.findUniqueOrThrow({ where: { year } })
		expect(made).toMatchObject({ status: 302, location: `/admin/seasons/${season.id}`, toast: true })
		const taken = await post('seasons', '/admin/seasons', {}, { year: String(year) })
		expect(taken.status).toBe(400)
		expect(JSON.parse(taken.body).error.year).toEqual([`${year} 年度赛季已存在`])
	})

	test('a round: the settings form answers at its fields (rule rows included), saves with a toast; publication refusals list every reason; accommodations', async () => {
		const now = new Date()
		const round = await roundFixtures.createRound(db, now, { status: 'draft', rules: [{ topic: 'fiscal', type: 'fill_blank', difficulty: 1, count: 200, pointsEach: 1 }] })
		const path = `/admin/rounds/${round.id}`
		const params = { roundId: round.id }
		const { toChinaDateTimeLocal } = await import('#app/exams/timing/china-time.ts')
		const settings = (overrides: Record<string, string | string[]> = {}): [string, string][] =>
			Object.entries({
				intent: 'save',
				title: '设置测试轮次',
				opensAt: toChinaDateTimeLocal(new Date(now.getTime() - 3600_000)),
				closesAt: toChinaDateTimeLocal(new Date(now.getTime() + 3 * 3600_000)),
				reviewOpensAt: '',
				scoreRelease: 'after_close',
				marksRelease: 'with_review',
				timeLimitMinutes: '60',
				attemptsAllowed: '1',
				shuffleQuestions: 'on',
				multipleChoicePolicy: 'all_or_nothing',
				partialCreditRatio: '50',
				instructions: '独立作答',
				// One rule and two blank rows, as the page sends them.
				ruleTopic: ['fiscal', 'fiscal', 'fiscal'],
				ruleType: ['fill_blank', 'single', 'single'],
				ruleDifficulty: ['1', '', ''],
				ruleCount: ['200', '', ''],
				rulePoints: ['1', '', ''],
				eligibilityUsernames: '',
				...overrides,
			}).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v): [string, string] => [name, v]) : [[name, value] as [string, string]]))

		const bad = await post('round', path, params, settings({ title: ' ', ruleCount: ['0', '', ''] }))
		expect(bad.status).toBe(400)
		expect(JSON.parse(bad.body)).toMatchObject({
			status: 'error',
			error: { title: ['请填写轮次名称'], 'drawRules[0].count': ['题数须在 1–200 之间'] },
			// What was typed comes back to refill the form (conform sends blank cells as null).
			initialValue: { title: ' ', ruleCount: ['0', null, null] },
		})
		const unknown = await post('round', path, params, settings({ eligibilityUsernames: 'nobody-r1' }))
		expect(unknown.status).toBe(400)
		expect(JSON.parse(unknown.body).error).toEqual({ eligibilityUsernames: ['找不到以下工号：nobody-r1'] })
		// Two rules, the first of any difficulty (a blank cell that keeps its place in the lists).
		const twoRules = { ruleType: ['fill_blank', 'fill_blank', 'single'], ruleDifficulty: ['', '1', ''], ruleCount: ['100', '100', ''], rulePoints: ['1', '1', ''] }
		const saved = await post('round', path, params, settings(twoRules))
		expect(saved).toMatchObject({ status: 302, location: path, toast: true })
		const stored = await db.round.findUniqueOrThrow({ where: { id: round.id }, include: { drawRules: { orderBy: { position: 'asc' } } } })
		expect(stored.title).toBe('设置测试轮次')
		expect(stored.drawRules.map((rule) => [rule.type, rule.difficulty, rule.count])).toEqual([
			['fill_blank', null, 100],
			['fill_blank', 1, 100],
		])

		// The bank cannot fill 200 questions: publishing is refused, every shortage above the buttons.
		const refused = await post('round', path, params, { intent: 'publish' })
		expect(refused.status).toBe(409)
		expect(JSON.parse(refused.body)).toMatchObject({ status: 'error', initialValue: { intent: 'publish' } })
		expect(JSON.parse(refused.body).error[''][0]).toMatch(/抽题规则 1/)
		expect((await db.round.findUniqueOrThrow({ where: { id: round.id } })).status).toBe('draft')

		const accommodation = (form: Record<string, string>) => post('round', path, params, { intent: 'set_accommodation', username: '', extraMinutes: '', closesAt: '', note: '', ...form })
		const blank = await accommodation({ extraMinutes: 'abc' })
		expect(blank.status).toBe(400)
		expect(JSON.parse(blank.body).error).toEqual({ username: ['请填写工号'], extraMinutes: ['延长分钟须为数字'] })
		expect(JSON.parse((await accommodation({ username: 'nobody-r2' })).body).error).toEqual({ username: ['找不到工号 nobody-r2'] })
		const given = await accommodation({ username: people.apprentice.username, extraMinutes: '15', note: '视力' })
		expect(given).toMatchObject({ status: 302, location: path, toast: true })
		const { id: accommodationId } = await db.accommodation.findFirstOrThrow({ where: { roundId: round.id } })
		const removed = await post('round', path, params, { intent: 'remove_accommodation', accommodationId })
		expect(removed).toMatchObject({ status: 302, location: path, toast: true })
		expect((await post('round', path, params, { intent: 'remove_accommodation', accommodationId })).status).toBe(404)
	})
})
