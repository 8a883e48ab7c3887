// Reading and saving a round's settings in the admin area. Once anyone has started the round,
// what shapes the papers (rules, time limit, shuffling, scoring policy, opening) is frozen,
// so all papers of a round stay comparable.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { formatChinaDateTime } from '#app/exams/timing/china-time.ts'
import { findDrawShortages, paperMaxScore } from './draw.ts'
import { loadDrawCandidates } from './draw-pool.ts'
import { findPublicKeyWarnings } from './key-embargo.ts'
import { isReviewOpen } from '#app/exams/timing/review-window.ts'
import type { FieldErrors, RoundSettings } from './round-settings.ts'

export async function getRoundForAdmin(db: DbOrTx, roundId: string, now = new Date()) {
	const round = await db.round.findUnique({
		where: { id: roundId },
		select: {
			id: true,
			seasonId: true,
			season: { select: { year: true, name: true } },
			position: true,
			title: true,
			topic: true,
			status: true,
			opensAt: true,
			closesAt: true,
			timeLimitMinutes: true,
			attemptsAllowed: true,
			shuffleQuestions: true,
			shuffleOptions: true,
			multipleChoicePolicy: true,
			partialCreditRatio: true,
			fillBlankOrderInsensitive: true,
			instructions: true,
			reviewOpensAt: true,
			scoreRelease: true,
			marksRelease: true,
			publishedAt: true,
			drawRules: { orderBy: { position: 'asc' }, select: { position: true, topic: true, type: true, difficulty: true, count: true, pointsEach: true } },
			eligibility: { select: { kind: true, value: true } },
			accommodations: {
				orderBy: { userId: 'asc' },
				select: { id: true, userId: true, extraMinutes: true, closesAt: true, note: true },
			},
			_count: { select: { attempts: true } },
		},
	})
	if (!round) return null
	const userIds = [
		...round.eligibility.filter((e) => e.kind === 'user').map((e) => e.value),
		...round.accommodations.map((a) => a.userId),
	]
	const people = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true, name: true } })
	const personById = new Map(people.map((p) => [p.id, p]))
	const candidates = await loadDrawCandidates(db, round.drawRules)
	const shortages = findDrawShortages(round.drawRules, candidates)
	// Once the round's own review is open its papers are public anyway: nothing left to warn about.
	const reviewed = round.status === 'published' && (await isReviewOpen(db, round, now))
	const publicKeyWarnings = reviewed ? [] : await findPublicKeyWarnings(db, { roundId, rules: round.drawRules, candidates, now })
	return {
		...round,
		maxScore: paperMaxScore(round.drawRules),
		shortages: shortages.map((s) => ({ position: s.rule.position, message: s.message })),
		/** Rules that can be filled only with questions whose keys are already public (ADR 038). */
		publicKeyWarnings,
		eligibleUnitIds: round.eligibility.filter((e) => e.kind === 'unit').map((e) => e.value),
		eligibleRoles: round.eligibility.filter((e) => e.kind === 'role').map((e) => e.value),
		eligibleUsers: round.eligibility.filter((e) => e.kind === 'user').flatMap((e) => personById.get(e.value) ?? []),
		accommodations: round.accommodations.map((a) => ({ ...a, person: personById.get(a.userId) ?? null })),
		attemptCount: round._count.attempts,
	}
}

export type RoundForAdmin = NonNullable<Awaited<ReturnType<typeof getRoundForAdmin>>>

const LOCKED_AFTER_START = [
	['opensAt', '开始时间'],
	['timeLimitMinutes', '考试时长'],
	['shuffleQuestions', '题目乱序'],
	['shuffleOptions', '选项乱序'],
	['multipleChoicePolicy', '多选题计分方式'],
	['partialCreditRatio', '漏选得分比例'],
	['fillBlankOrderInsensitive', '填空题不计顺序'],
] as const

function comparable(value: unknown) {
	return value instanceof Date ? value.getTime() : value
}

function rulesKey(rules: readonly { topic: string; type: string; difficulty: number | null; count: number; pointsEach: number }[]) {
	return JSON.stringify(rules.map((r) => [r.topic, r.type, r.difficulty, r.count, r.pointsEach]))
}

export type SaveSettingsResult = { ok: true; warnings: string[] } | { ok: false; fieldErrors: FieldErrors }

/**
 * A draft whose times have already gone by is saved (the admin may be copying last year's
 * round), but the admin is told what publishing it would do: open at once, or never be
 * answerable, or show the answers at once.
 */
export function pastDateWarnings(round: { status: string; opensAt: Date; closesAt: Date; reviewOpensAt: Date | null }, now: Date) {
	if (round.status !== 'draft') return []
	const warnings: string[] = []
	const at = (date: Date) => formatChinaDateTime(date)
	if (round.closesAt <= now) warnings.push(`截止时间 ${at(round.closesAt)} 已经过去：发布后考生将无法作答，请先修改截止时间。`)
	else if (round.opensAt <= now) warnings.push(`开始时间 ${at(round.opensAt)} 已经过去：发布后考试立即开放。`)
	if (round.reviewOpensAt && round.reviewOpensAt <= now) warnings.push(`复盘开放时间 ${at(round.reviewOpensAt)} 已经过去：考试结束后答案与解析将立即公布。`)
	return warnings
}

export async function updateRoundSettings(
	db: Db,
	{ roundId, settings, actorId, now }: { roundId: string; settings: RoundSettings; actorId: string; now: Date },
): Promise<SaveSettingsResult> {
	const current = await getRoundForAdmin(db, roundId, now)
	if (!current) return { ok: false, fieldErrors: { form: ['找不到这轮考试'] } }
	const fieldErrors: FieldErrors = {}
	const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message)

	if (current.attemptCount > 0) {
		for (const [field, label] of LOCKED_AFTER_START) {
			if (comparable(settings[field]) !== comparable(current[field])) add(field, `已有考生开始作答，${label}不能再修改`)
		}
		if (rulesKey(settings.drawRules) !== rulesKey(current.drawRules)) add('drawRules', '已有考生开始作答，抽题规则不能再修改')
		if (current.status === 'published' && settings.closesAt.getTime() !== current.closesAt.getTime() && (await isReviewOpen(db, current, now))) {
			add('closesAt', '复盘已开放（答案已公布），不能再修改截止时间')
		}
	}

	const units = await db.unit.findMany({ where: { id: { in: settings.eligibility.unitIds } }, select: { id: true } })
	if (units.length !== new Set(settings.eligibility.unitIds).size) add('eligibilityUnits', '所选单位中有已不存在的单位，请刷新后重选')
	const users = await db.user.findMany({ where: { username: { in: settings.eligibility.usernames } }, select: { id: true, username: true } })
	const unknown = settings.eligibility.usernames.filter((username) => !users.some((u) => u.username === username))
	if (unknown.length) add('eligibilityUsernames', `找不到以下工号：${unknown.slice(0, 20).join('、')}${unknown.length > 20 ? ' 等' : ''}`)

	const rules = settings.drawRules.map((rule, index) => ({ ...rule, position: index + 1 }))
	if (current.status === 'published') {
		for (const shortage of findDrawShortages(rules, await loadDrawCandidates(db, rules))) add(`drawRules.${shortage.rule.position - 1}`, shortage.message)
	}
	if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors }

	const { drawRules: _rules, eligibility, ...columns } = settings
	const eligibilityRows = [
		...[...new Set(eligibility.unitIds)].map((value) => ({ kind: 'unit', value })),
		...[...new Set(eligibility.roles)].map((value) => ({ kind: 'role', value })),
		...[...new Set(users.map((u) => u.id))].map((value) => ({ kind: 'user', value })),
	]
	await auditedTransaction(db, async (tx) => {
		await tx.round.update({ where: { id: roundId }, data: columns })
		if (rulesKey(rules) !== rulesKey(current.drawRules)) {
			await tx.drawRule.deleteMany({ where: { roundId } })
			await tx.drawRule.createMany({ data: rules.map((rule) => ({ ...rule, roundId })) })
		}
		await tx.roundEligibility.deleteMany({ where: { roundId } })
		if (eligibilityRows.length) await tx.roundEligibility.createMany({ data: eligibilityRows.map((row) => ({ ...row, roundId })) })
		await writeAuditLog(tx, {
			actorId,
			action: 'round.update',
			targetType: 'Round',
			targetId: roundId,
			summary: `修改轮次设置：${settings.title}`,
			before: { ...pickAudited(current), drawRules: current.drawRules, eligibility: current.eligibility },
			after: { ...pickAudited(settings), drawRules: rules, eligibility: eligibilityRows },
		}, now)
	})
	return { ok: true, warnings: pastDateWarnings({ status: current.status, ...settings }, now) }
}

function pickAudited(round: Omit<RoundSettings, 'drawRules' | 'eligibility'> | RoundForAdmin) {
	return {
		title: round.title,
		opensAt: round.opensAt,
		closesAt: round.closesAt,
		reviewOpensAt: round.reviewOpensAt,
		scoreRelease: round.scoreRelease,
		marksRelease: round.marksRelease,
		timeLimitMinutes: round.timeLimitMinutes,
		attemptsAllowed: round.attemptsAllowed,
		shuffleQuestions: round.shuffleQuestions,
		shuffleOptions: round.shuffleOptions,
		multipleChoicePolicy: round.multipleChoicePolicy,
		partialCreditRatio: round.partialCreditRatio,
		fillBlankOrderInsensitive: round.fillBlankOrderInsensitive,
	}
}
