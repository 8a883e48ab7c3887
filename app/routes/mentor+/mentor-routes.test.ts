// The mentorship routes called as the server calls them (real session cookie, real SQLite):
// who may open what (issue 9 item 7), and that the forms write what they say.
import { beforeAll, describe, expect, test } from 'vitest'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { settle, type Route } from '#tests/route-answer.ts'
import type { Db } from '#app/utils/db-client.server.ts'

describe('mentorship routes', () => {
	let db: Db
	let cookieOf: (userId: string) => Promise<string>
	let routes: Record<string, Route>
	let people: Record<'admin' | 'mentor' | 'otherMentor' | 'apprentice' | 'otherApprentice' | 'pastApprentice', { id: string; username: string; name: string }>
	let pairingId: string
	const origin = 'http://localhost'

	beforeAll(async () => {
		const opened = await getTestDbWithUrl('sqlite')
		db = opened.db
		// The routes use the app's shared client, built on first import: point it here first.
		process.env.DATABASE_URL = opened.url
		const [session, fixtures, pairings, desk, apprenticePage, signOff, report, learnMentor, adminList, adminNew, adminExport, mine] = await Promise.all([
			import('#app/utils/session.server.ts'),
			import('#app/admin/test-fixtures.ts'),
			import('#app/mentorship/pairings.ts'),
			import('./index.tsx'),
			import('./apprentices.$apprenticeId.tsx'),
			import('./pairings.$pairingId.sign-off.tsx'),
			import('../mentorship+/$pairingId.report.tsx'),
			import('../learn+/mentor.tsx'),
			import('../admin+/mentorship._index.tsx'),
			import('../admin+/mentorship.new.tsx'),
			import('../admin+/mentorship.export.tsx'),
			import('../learn+/mine.tsx'),
		])
		await (await import('#app/courses/git-sync.server.ts')).syncGitContent(db)
		routes = { desk, apprenticePage, signOff, report, learnMentor, adminList, adminNew, adminExport, mine } as unknown as Record<string, Route>
		cookieOf = async (userId: string) => (await session.commitSessionCookie((await session.createSession(db, userId)).token)).split(';')[0]!
		const unit = await fixtures.makeUnit(db)
		const admin = await fixtures.makeAdmin(db)
		const make = (roles: ('mentor' | 'learner')[], name: string) => fixtures.makeUser(db, { unitId: unit.id, roles, name })
		people = {
			admin,
			mentor: await make(['mentor'], '王导师'),
			otherMentor: await make(['mentor'], '李导师'),
			apprentice: await make(['learner'], '张徒弟'),
			otherApprentice: await make(['learner'], '赵徒弟'),
			pastApprentice: await make(['learner'], '钱徒弟'),
		}
		const pair = async (mentorId: string, apprenticeId: string) => {
			const made = await pairings.createPairing(db, admin, pairings.PairingInputSchema.parse({ mentorId, apprenticeId, startsOn: '2026-09-01', endsOn: '2027-08-31', businessGoals: '学会抽凭' }))
			if (!made.ok) throw new Error('pairing failed')
			return made.id
		}
		pairingId = await pair(people.mentor.id, people.apprentice.id)
		await pair(people.otherMentor.id, people.otherApprentice.id)
		const past = await pair(people.mentor.id, people.pastApprentice.id)
		await pairings.endPairing(db, admin, { pairingId: past, reason: '调岗' })
	})

	async function call(route: string, kind: 'loader' | 'action', as: keyof typeof people, path: string, params: Record<string, string> = {}, form?: Record<string, string>) {
		const cookie = await cookieOf(people[as].id)
		const request = form
			? new Request(`${origin}${path}`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) })
			: new Request(`${origin}${path}`, { headers: { cookie } })
		return settle(() => routes[route]![kind]!({ request, params, context: {} }))
	}

	test('the desk lists the mentor’s current apprentices with reasons, and past ones apart', async () => {
		const res = await call('desk', 'loader', 'mentor', '/mentor')
		expect(res.status).toBe(200)
		const body = JSON.parse(res.body) as { current: { apprentice: { name: string }; flags: { text: string }[] }[]; past: { apprentice: { name: string } }[] }
		expect(body.current.map((c) => c.apprentice.name)).toEqual(['张徒弟'])
		expect(body.current[0]!.flags.map((f) => f.text)).toContain('还没有任何学习记录（课程或练习）')
		expect(body.past.map((c) => c.apprentice.name)).toEqual(['钱徒弟'])
		expect(res.body).not.toContain('赵徒弟')
	})

	test('another mentor’s apprentice by direct URL is refused with 403 in Chinese', async () => {
		const id = people.otherApprentice.id
		for (const kind of ['loader', 'action'] as const) {
			const res = await call('apprenticePage', kind, 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, kind === 'action' ? { intent: 'check-in', heldOn: '2026-11-01', topics: 'x' } : undefined)
			expect(res.status).toBe(403)
			expect(res.body).toContain('您不是该学员的导师')
		}
		expect(await db.mentorCheckIn.count({ where: { topics: 'x' } })).toBe(0)
		const report = await call('report', 'loader', 'mentor', `/mentorship/x/report`, { pairingId: (await db.pairing.findFirstOrThrow({ where: { apprenticeId: id } })).id })
		expect(report.status).toBe(403)
	})

	test('an apprentice opening the mentor’s pages is refused; their own page shows their own records', async () => {
		expect((await call('desk', 'loader', 'apprentice', '/mentor')).status).toBe(403)
		const own = await call('apprenticePage', 'loader', 'apprentice', `/mentor/apprentices/${people.apprentice.id}`, { apprenticeId: people.apprentice.id })
		expect(own.status).toBe(403)
		expect(own.body).toContain('需要导师或管理员身份')
		expect((await call('signOff', 'loader', 'apprentice', `/mentor/pairings/${pairingId}/sign-off`, { pairingId })).status).toBe(403)
		const mine = await call('learnMentor', 'loader', 'apprentice', '/learn/mentor')
		expect(mine.status).toBe(200)
		expect(mine.body).toContain('王导师')
		expect(mine.body).not.toContain('钱徒弟')
		expect((await call('report', 'loader', 'apprentice', `/mentorship/${pairingId}/report`, { pairingId })).status).toBe(200)
		expect((await call('report', 'loader', 'otherApprentice', `/mentorship/${pairingId}/report`, { pairingId })).status).toBe(403)
	})

	test('a mentor who is also an apprentice cannot open their own records through the mentor pages', async () => {
		const fixtures = await import('#app/admin/test-fixtures.ts')
		const pairings = await import('#app/mentorship/pairings.ts')
		const unit = await fixtures.makeUnit(db)
		const both = await fixtures.makeUser(db, { unitId: unit.id, roles: ['mentor', 'learner'], name: '孙兼任' })
		await pairings.createPairing(db, people.admin, pairings.PairingInputSchema.parse({ mentorId: people.otherMentor.id, apprenticeId: both.id, startsOn: '2026-09-01', endsOn: '2027-08-31' }))
		const cookie = await cookieOf(both.id)
		const res = await settle(() =>
			routes.apprenticePage!.loader!({ request: new Request(`${origin}/mentor/apprentices/${both.id}`, { headers: { cookie } }), params: { apprenticeId: both.id }, context: {} }),
		)
		expect(res.status).toBe(403)
		expect(res.body).toContain('您不是该学员的导师')
	})

	test('a past apprentice is read-only for the mentor', async () => {
		const id = people.pastApprentice.id
		const page = await call('apprenticePage', 'loader', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id })
		expect(page.status).toBe(200)
		expect(JSON.parse(page.body)).toMatchObject({ mode: 'past_mentor', canWrite: false, canAssign: false })
		const write = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'check-in', heldOn: '2026-11-01', topics: '只读测试' })
		expect(write.status).toBe(403)
		expect(write.body).toContain('记录只读')
	})

	test('the mentor assigns a lesson and records a check-in; bad input is answered at the field', async () => {
		const id = people.apprentice.id
		const lesson = await db.lesson.findFirstOrThrow({ where: { publishedVersionId: { not: null }, course: { status: 'published' } }, select: { id: true, publishedVersion: { select: { title: true } } } })
		const badDay = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'assign', kind: 'lesson', lessonId: lesson.id, dueOn: '2026-02-30' })
		expect(badDay.status).toBe(400)
		// conform's reply (ADR 070): errors by field under `error`, tagged with the form that shows them.
		expect(JSON.parse(badDay.body)).toMatchObject({ status: 'error', form: 'assign', error: { dueOn: ['日期格式应为 2026-03-01'] } })
		const noLesson = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'assign', kind: 'lesson', lessonId: '', dueOn: '2099-01-01' })
		expect(JSON.parse(noLesson.body)).toMatchObject({ form: 'assign', error: { lessonId: ['请选择课时'] } })
		// A domain refusal lands next to its field too.
		const past = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'assign', kind: 'lesson', lessonId: lesson.id, dueOn: '2020-01-01' })
		expect(past.status).toBe(400)
		expect(JSON.parse(past.body)).toMatchObject({ form: 'assign', error: { dueOn: ['截止日期不能早于今天'] } })
		const ok = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'assign', kind: 'lesson', lessonId: lesson.id, dueOn: '2099-01-01', note: '先读' })
		// A saved change redirects back with a toast (post-redirect-get, ADR 070).
		expect(ok).toMatchObject({ status: 302, location: `/mentor/apprentices/${encodeURIComponent(id)}`, toast: true })
		const practice = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'assign', kind: 'practice', topic: 'fiscal', questionCount: '5', dueOn: '2099-01-01' })
		expect(practice.status).toBe(302)
		const mine = await call('mine', 'loader', 'apprentice', '/learn/mine')
		expect(mine.body).toContain('财政练习 5 题')
		expect(mine.body).toContain(lesson.publishedVersion!.title)
		const noTopic = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'check-in', heldOn: '2026-11-02', topics: '' })
		expect(noTopic.status).toBe(400)
		expect(JSON.parse(noTopic.body)).toMatchObject({ status: 'error', form: 'check-in', error: { topics: ['请填写本次交流的主题'] } })
		const future = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'check-in', heldOn: '2099-11-02', topics: '将来' })
		expect(JSON.parse(future.body)).toMatchObject({ form: 'check-in', error: { heldOn: ['见面日期不能晚于今天'] } })
		const checkIn = await call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'check-in', heldOn: '2026-11-02', topics: '经责取证' })
		expect(checkIn).toMatchObject({ status: 302, toast: true })
		expect(await db.mentorCheckIn.count({ where: { pairingId, topics: '经责取证' } })).toBe(1)
	})

	test('projects and comments: the mentor’s and the apprentice’s forms answer at the field, and confirm with a toast', async () => {
		const id = people.apprentice.id
		const page = (form: Record<string, string>) => call('apprenticePage', 'action', 'mentor', `/mentor/apprentices/${id}`, { apprenticeId: id }, form)
		const project = { intent: 'project', projectName: '某局预算执行审计', topic: 'fiscal', periodStart: '2026-10-01', periodEnd: '', role: '组员', work: '抽凭', learned: '' }
		const backwards = await page({ ...project, periodEnd: '2026-09-01' })
		expect(backwards.status).toBe(400)
		expect(JSON.parse(backwards.body)).toMatchObject({ status: 'error', form: 'project', error: { periodEnd: ['结束日期不能早于开始日期'] } })
		const noWork = await page({ ...project, work: '' })
		expect(JSON.parse(noWork.body)).toMatchObject({ form: 'project', error: { work: ['请填写承担的工作'] } })
		expect(await page(project)).toMatchObject({ status: 302, toast: true })
		const entry = await db.projectLogEntry.findFirstOrThrow({ where: { pairingId, projectName: '某局预算执行审计' } })
		const empty = await page({ intent: 'comment', entryId: entry.id, body: '' })
		expect(JSON.parse(empty.body)).toMatchObject({ status: 'error', form: `comment-${entry.id}`, error: { body: ['请填写点评'] } })
		const elsewhere = await page({ intent: 'comment', entryId: 'no-such-entry', body: '好' })
		expect(JSON.parse(elsewhere.body)).toMatchObject({ form: 'comment-no-such-entry', error: { body: ['项目记录不存在'] } })
		expect(await page({ intent: 'comment', entryId: entry.id, body: '取证充分' })).toMatchObject({ status: 302, toast: true })
		expect(await db.projectComment.count({ where: { entryId: entry.id, body: '取证充分' } })).toBe(1)

		const learn = (form: Record<string, string>) => call('learnMentor', 'action', 'apprentice', '/learn/mentor', {}, form)
		const noContent = await learn({ intent: 'reflection', month: '2026-11', content: '' })
		expect(noContent.status).toBe(400)
		expect(JSON.parse(noContent.body)).toMatchObject({ status: 'error', form: 'reflection', error: { content: ['请写下本月的学习心得'] } })
		const later = await learn({ intent: 'reflection', month: '2099-01', content: '将来' })
		expect(JSON.parse(later.body)).toMatchObject({ form: 'reflection', error: { month: ['不能为将来的月份写心得'] } })
		expect(await learn({ intent: 'reflection', month: '2026-11', content: '学会了抽凭' })).toMatchObject({ status: 302, location: '/learn/mentor', toast: true })
		const mine = await learn({ ...project, intent: 'project', projectName: '' })
		expect(JSON.parse(mine.body)).toMatchObject({ form: 'project', error: { projectName: ['请填写项目名称'] } })
		expect(await learn({ ...project, projectName: '我的项目' })).toMatchObject({ status: 302, toast: true })
		// Nothing to acknowledge yet: said above the form.
		const early = await learn({ intent: 'acknowledge', apprenticeNote: '' })
		expect(early.status).toBe(400)
		expect(JSON.parse(early.body)).toMatchObject({ status: 'error', form: 'acknowledge', error: { '': ['没有待确认的结业评价'] } })
	})

	test('admin pages: mentors are refused; a pairing is made by 工号 with errors at the field; export is audited', async () => {
		expect((await call('adminList', 'loader', 'mentor', '/admin/mentorship')).status).toBe(403)
		const clash = await call('adminNew', 'action', 'admin', '/admin/mentorship/new', {}, { mentorUsername: people.otherMentor.username, apprenticeUsername: people.apprentice.username, startsOn: '2026-09-01', endsOn: '2027-08-31' })
		expect(clash.status).toBe(400)
		// conform's reply (ADR 070): errors by field under `error`.
		expect(JSON.parse(clash.body)).toMatchObject({ error: { apprenticeUsername: [expect.stringContaining('已有在带导师（王导师）')] } })
		const unknown = await call('adminNew', 'action', 'admin', '/admin/mentorship/new', {}, { mentorUsername: 'nobody', apprenticeUsername: people.pastApprentice.username, startsOn: '2026-09-01', endsOn: '2027-08-31' })
		expect(JSON.parse(unknown.body)).toMatchObject({ error: { mentorUsername: ['工号“nobody”不存在'] } })
		const made = await call('adminNew', 'action', 'admin', '/admin/mentorship/new', {}, { mentorUsername: people.otherMentor.username, apprenticeUsername: people.pastApprentice.username, startsOn: '2026-09-01', endsOn: '2027-08-31' })
		expect(made.status).toBe(302)
		const list = await call('adminList', 'loader', 'admin', '/admin/mentorship?status=active')
		expect(list.body).toContain('钱徒弟')
		const exported = await call('adminExport', 'action', 'admin', '/admin/mentorship/export', {}, { status: 'all', unit: '', q: '' })
		expect(exported.status).toBe(200)
		expect(await db.auditLog.count({ where: { action: 'mentorship.pairing.export' } })).toBe(1)
	})

	test('an admin may open an apprentice page and assign (audited), but not write the mentor’s records', async () => {
		const id = people.apprentice.id
		const page = await call('apprenticePage', 'loader', 'admin', `/mentor/apprentices/${id}`, { apprenticeId: id })
		expect(JSON.parse(page.body)).toMatchObject({ mode: 'admin', canWrite: false, canAssign: true })
		const assigned = await call('apprenticePage', 'action', 'admin', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'assign', kind: 'practice', topic: 'all', questionCount: '3', dueOn: '2099-02-01' })
		expect(assigned.status).toBe(302)
		expect(await db.auditLog.count({ where: { action: 'mentorship.assignment.create', actorId: people.admin.id } })).toBe(1)
		const checkIn = await call('apprenticePage', 'action', 'admin', `/mentor/apprentices/${id}`, { apprenticeId: id }, { intent: 'check-in', heldOn: '2026-11-03', topics: '管理员' })
		expect(checkIn.status).toBe(403)
	})

	test('sign-off: only the current mentor, then the pairing is complete and read-only', async () => {
		const form = { businessRating: '4', partyRating: '3', comments: '可以独立承担项目' }
		expect((await call('signOff', 'action', 'otherMentor', `/mentor/pairings/${pairingId}/sign-off`, { pairingId }, form)).status).toBe(403)
		const missing = await call('signOff', 'action', 'mentor', `/mentor/pairings/${pairingId}/sign-off`, { pairingId }, { businessRating: '4', partyRating: '', comments: '' })
		expect(missing.status).toBe(400)
		expect(JSON.parse(missing.body)).toMatchObject({ error: { partyRating: ['请选择评价等级'], comments: ['请填写总体评语'] } })
		const signed = await call('signOff', 'action', 'mentor', `/mentor/pairings/${pairingId}/sign-off`, { pairingId }, form)
		expect(signed.status).toBe(302)
		expect((await call('signOff', 'loader', 'mentor', `/mentor/pairings/${pairingId}/sign-off`, { pairingId })).status).toBe(403)
		const tooLong = await call('learnMentor', 'action', 'apprentice', '/learn/mentor', {}, { intent: 'acknowledge', apprenticeNote: '谢'.repeat(2001) })
		expect(JSON.parse(tooLong.body)).toMatchObject({ status: 'error', form: 'acknowledge', error: { apprenticeNote: ['意见不能超过 2000 个字'] } })
		const ack = await call('learnMentor', 'action', 'apprentice', '/learn/mentor', {}, { intent: 'acknowledge', apprenticeNote: '谢谢师傅' })
		expect(ack).toMatchObject({ status: 302, location: '/learn/mentor', toast: true })
		const report = await call('report', 'loader', 'mentor', `/mentorship/${pairingId}/report`, { pairingId })
		expect(report.body).toContain('谢谢师傅')
	})
})
