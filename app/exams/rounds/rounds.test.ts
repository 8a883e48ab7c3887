import { expect, test } from 'vitest'
import { optionIdFor } from '#app/exams/attempts/option-ids.server.ts'
import { saveAnswer } from '#app/exams/attempts/save-answer.server.ts'
import { startAttempt } from '#app/exams/attempts/start-attempt.server.ts'
import { describeEachProvider } from '#tests/db-utils.ts'
import { setAccommodation } from './accommodations.ts'
import { toChinaDateTimeLocal } from '#app/exams/timing/china-time.ts'
import { previewPaper } from '#app/exams/attempts/preview-paper.ts'
import { publishRound, openReviewNow, unpublishRound } from './publish.ts'
import { reviewOpensAt } from '#app/exams/timing/review-window.ts'
import { getRoundForAdmin, updateRoundSettings } from './round-admin.ts'
import { parseRoundSettings, type FormValues } from './round-settings.ts'
import { createSeasonFromTemplate, getSeason } from './season.ts'
import { createBankQuestions, createPerson, createRound, createUnit } from './test-fixtures.ts'

const T0 = new Date('2026-06-01T02:00:00.000Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

function settingsForm(overrides: FormValues = {}): FormValues {
	return {
		title: '测试轮次',
		opensAt: toChinaDateTimeLocal(at(-60)),
		closesAt: toChinaDateTimeLocal(at(180)),
		reviewOpensAt: '',
		scoreRelease: 'after_close',
		marksRelease: 'with_review',
		timeLimitMinutes: '60',
		attemptsAllowed: '1',
		shuffleQuestions: 'on',
		shuffleOptions: 'on',
		multipleChoicePolicy: 'all_or_nothing',
		partialCreditRatio: '50',
		instructions: '独立作答',
		ruleTopic: ['fiscal'],
		ruleType: ['single'],
		ruleDifficulty: [''],
		ruleCount: ['2'],
		rulePoints: ['2'],
		...overrides,
	}
}

describeEachProvider('rounds', (getDb) => {
	test('the 3+1 template creates a season of four draft rounds with rules, once per year, audited', async () => {
		const db = await getDb()
		const admin = await createPerson(db, { roles: ['admin'] })
		const created = await createSeasonFromTemplate(db, { year: 2031, actorId: admin.id })
		if (!created.ok) throw new Error(created.message)
		const season = await getSeason(db, created.seasonId)
		expect(season?.rounds.map((r) => [r.position, r.topic, r.status])).toEqual([
			[1, 'fiscal', 'draft'],
			[2, 'economic_responsibility', 'draft'],
			[3, 'fixed_asset_investment', 'draft'],
			[4, 'combined', 'draft'],
		])
		const combined = await getRoundForAdmin(db, season!.rounds[3]!.id)
		expect(combined?.maxScore).toBe(100)
		expect(new Set(combined?.drawRules.map((r) => r.topic))).toEqual(new Set(['fiscal', 'economic_responsibility', 'fixed_asset_investment', 'combined']))
		expect(await createSeasonFromTemplate(db, { year: 2031, actorId: admin.id })).toEqual({ ok: false, field: 'year', message: '2031 年度赛季已存在' })
		expect(await createSeasonFromTemplate(db, { year: 1999, actorId: admin.id })).toMatchObject({ ok: false, field: 'year' })
		const audit = await db.auditLog.findFirst({ where: { action: 'season.create', targetId: created.seasonId } })
		expect(audit?.actorId).toBe(admin.id)
	})

	test('settings: Chinese field errors, nothing written on error', async () => {
		const db = await getDb()
		const admin = await createPerson(db, { roles: ['admin'] })
		const round = await createRound(db, T0, { status: 'draft' })
		const bad = parseRoundSettings(
			settingsForm({ closesAt: toChinaDateTimeLocal(at(-120)), timeLimitMinutes: 'abc', ruleCount: ['0'], eligibilityUsernames: '' }),
		)
		expect(bad).toEqual({
			ok: false,
			fieldErrors: {
				timeLimitMinutes: ['考试时长（分钟）须为数字'],
				'drawRules.0.count': ['题数须在 1–200 之间'],
			},
		})
		const wrongOrder = parseRoundSettings(settingsForm({ closesAt: toChinaDateTimeLocal(at(-120)) }))
		expect(wrongOrder).toMatchObject({ ok: false, fieldErrors: { closesAt: ['截止时间须晚于开始时间'] } })
		const parsed = parseRoundSettings(settingsForm({ eligibilityUsernames: 'nobody-1 nobody-2' }))
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors))
		const result = await updateRoundSettings(db, { roundId: round.id, settings: parsed.settings, actorId: admin.id, now: T0 })
		expect(result).toEqual({ ok: false, fieldErrors: { eligibilityUsernames: ['找不到以下工号：nobody-1、nobody-2'] } })
		expect((await db.round.findUniqueOrThrow({ where: { id: round.id } })).title).toBe(round.title)
	})

	test('settings: saved with rules and eligibility, audited; frozen parts refuse change once someone started', async () => {
		const db = await getDb()
		await createBankQuestions(db, 'single', 4)
		const admin = await createPerson(db, { roles: ['admin'] })
		const unit = await createUnit(db)
		const named = await createPerson(db)
		const round = await createRound(db, T0)
		const form = settingsForm({ eligibilityUnits: [unit.id], eligibilityRoles: ['learner'], eligibilityUsernames: (await db.user.findUniqueOrThrow({ where: { id: named.id } })).username })
		const parsed = parseRoundSettings(form)
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors))
		expect(await updateRoundSettings(db, { roundId: round.id, settings: parsed.settings, actorId: admin.id, now: T0 })).toMatchObject({ ok: true, warnings: expect.any(Array) })
		const saved = await getRoundForAdmin(db, round.id)
		expect(saved).toMatchObject({ title: '测试轮次', timeLimitMinutes: 60, eligibleUnitIds: [unit.id], eligibleRoles: ['learner'] })
		expect(saved?.eligibleUsers.map((u) => u.id)).toEqual([named.id])
		expect(await db.auditLog.count({ where: { action: 'round.update', targetId: round.id } })).toBe(1)

		const started = await startAttempt(db, { roundId: round.id, candidate: named, now: T0 })
		expect(started.ok).toBe(true)
		const changed = parseRoundSettings({ ...form, timeLimitMinutes: '90', ruleCount: ['3'], title: '改名' })
		if (!changed.ok) throw new Error('parse')
		expect(await updateRoundSettings(db, { roundId: round.id, settings: changed.settings, actorId: admin.id, now: T0 })).toEqual({
			ok: false,
			fieldErrors: { timeLimitMinutes: ['已有考生开始作答，考试时长不能再修改'], drawRules: ['已有考生开始作答，抽题规则不能再修改'] },
		})
	})

	test('publishing is refused, naming the rule, while a rule lacks active questions; then published and audited', async () => {
		const db = await getDb()
		const admin = await createPerson(db, { roles: ['admin'] })
		await createBankQuestions(db, 'multiple', 2, { topic: 'economic_responsibility', difficulty: 4 })
		await createBankQuestions(db, 'multiple', 3, { topic: 'economic_responsibility', difficulty: 4, status: 'draft' })
		const round = await createRound(db, T0, {
			status: 'draft',
			rules: [{ topic: 'economic_responsibility', type: 'multiple', difficulty: 4, count: 3, pointsEach: 2 }],
		})
		expect(await publishRound(db, { roundId: round.id, actorId: admin.id, now: T0 })).toEqual({
			ok: false,
			messages: ['抽题规则 1（经责 · 多选 · 难度 4）需要 3 道启用的题目，题库中仅有 2 道，请补充题目或调整规则。'],
		})
		expect((await db.round.findUniqueOrThrow({ where: { id: round.id } })).status).toBe('draft')
		await createBankQuestions(db, 'multiple', 1, { topic: 'economic_responsibility', difficulty: 4 })
		expect(await publishRound(db, { roundId: round.id, actorId: admin.id, now: T0 })).toEqual({ ok: true })
		const published = await db.round.findUniqueOrThrow({ where: { id: round.id } })
		expect([published.status, published.publishedAt]).toEqual(['published', T0])
		const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'round.publish', targetId: round.id } })
		expect(audit.actorId).toBe(admin.id)
		expect(await unpublishRound(db, { roundId: round.id, actorId: admin.id, now: T0 })).toEqual({ ok: true })
	})

	test('the admin preview draws a full paper with keys, reproducible from its seed', async () => {
		const db = await getDb()
		await createBankQuestions(db, 'single', 5, { topic: 'fixed_asset_investment' })
		const round = await createRound(db, T0, { rules: [{ topic: 'fixed_asset_investment', type: 'single', difficulty: null, count: 3, pointsEach: 2 }] })
		const first = await previewPaper(db, { roundId: round.id })
		if (!first?.ok) throw new Error('preview failed')
		expect(first.questions).toHaveLength(3)
		expect(first.questions[0]!.content.answerKey).toBe('B')
		const again = await previewPaper(db, { roundId: round.id, seed: first.seed })
		expect(again).toEqual(first)
	})

	test('review opens after the window, after every later personal close, and never while someone can answer', async () => {
		const db = await getDb()
		await createBankQuestions(db, 'single', 2)
		const admin = await createPerson(db, { roles: ['admin'] })
		const round = await createRound(db, T0, { closesAt: at(60), timeLimitMinutes: 60 })
		expect(await reviewOpensAt(db, round)).toEqual(new Date(at(60).getTime() + 10_000))
		const helped = await createPerson(db)
		const username = (await db.user.findUniqueOrThrow({ where: { id: helped.id } })).username
		const started = await startAttempt(db, { roundId: round.id, candidate: helped, now: at(30) })
		if (!started.ok) throw new Error(started.message)
		expect((await db.attempt.findUniqueOrThrow({ where: { id: started.attemptId } })).deadline).toEqual(at(60))
		expect(
			await setAccommodation(db, { roundId: round.id, input: { username, extraMinutes: '20', closesAt: '', note: '视力障碍' }, actorId: admin.id, now: at(31) }),
		).toEqual({ ok: true })
		// The open attempt gets the longer deadline at once.
		expect((await db.attempt.findUniqueOrThrow({ where: { id: started.attemptId } })).deadline).toEqual(at(80))
		expect(await reviewOpensAt(db, round)).toEqual(new Date(at(80).getTime() + 10_000))
		const refused = await openReviewNow(db, { roundId: round.id, actorId: admin.id, now: at(70) })
		expect(refused).toMatchObject({ ok: false, messages: [expect.stringContaining('仍可能有考生在作答')] })
		expect(await saveAnswer(db, { attemptId: started.attemptId, userId: helped.id, request: { position: 1, seq: 1, answer: optionIdFor(started.attemptId, 1, 'A') }, now: at(75) })).toMatchObject({
			status: 'applied',
		})
		expect(await openReviewNow(db, { roundId: round.id, actorId: admin.id, now: at(81) })).toEqual({ ok: true })
		expect(await db.auditLog.count({ where: { action: { in: ['round.open_review', 'round.accommodation.set'] }, targetId: round.id } })).toBe(2)
	})

	test('accommodation input errors are Chinese and per field', async () => {
		const db = await getDb()
		const admin = await createPerson(db, { roles: ['admin'] })
		const round = await createRound(db, T0)
		expect(await setAccommodation(db, { roundId: round.id, input: { username: 'nobody', extraMinutes: '10', closesAt: '', note: '' }, actorId: admin.id, now: T0 })).toEqual({
			ok: false,
			fieldErrors: { username: ['找不到工号 nobody'] },
		})
		expect(await setAccommodation(db, { roundId: round.id, input: { username: 'x', extraMinutes: '-5', closesAt: 'tomorrow', note: '' }, actorId: admin.id, now: T0 })).toEqual({
			ok: false,
			fieldErrors: { extraMinutes: ['延长分钟须在 0–300 之间'], closesAt: ['延后截止时间格式不正确'] },
		})
	})
})
