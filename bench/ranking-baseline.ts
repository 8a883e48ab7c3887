// BASELINE for bench/ranking.bench.ts only: buildSeasonRanking as first written (ADR 060, commit
// 2f44d70), which read every paper through the client's findMany. Kept so every bench run measures
// the current build against it on the same machine at the same moment (ADR 064); not used by the app.
import { attemptRelease, roundReleaseTimes } from '#app/exams/timing/result-release.ts'
import { CLOSED_ATTEMPT_STATUSES } from '#app/exams/grading/grade-attempt.ts'
import { roundScore } from '#app/exams/grading/objective.ts'
import { matchesEligibility, type EligibilityRule } from '#app/exams/rounds/eligibility.ts'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import {
	ABSENT_RULE_TEXT,
	ACCOMMODATION_RULE_TEXT,
	DEFAULT_MIN_UNIT_SIZE,
	isAhead,
	PERSON_RULE_TEXT,
	rankPeople,
	rankUnits,
	sortAbsent,
	unitIndexFormulaText,
	type AbsentPerson,
	type PersonResult,
	type RankedPerson,
	type RankedUnit,
} from '#app/rankings/ordering.ts'

export type RankingScope = 'round' | 'season'

/** Everything a ranking shows; a snapshot stores exactly this (canonically serialised). */
export type RankingContent = {
	scope: RankingScope
	scopeId: string
	seasonId: string
	title: string
	maxScore: number
	minUnitSize: number
	rules: { person: string; accommodation: string; absent: string; unitIndex: string }
	people: RankedPerson[]
	/** 缺考: eligible, no paper handed in. */
	absent: AbsentPerson[]
	/** Handed in, but the score is not yet released or not fully graded: not ranked yet. */
	pending: AbsentPerson[]
	units: RankedUnit[]
}

type Directory = {
	users: Map<string, { id: string; name: string; username: string; unitId: string; roles: string[] }>
	units: Map<string, { name: string; parentId: string | null }>
}

async function loadDirectory(db: DbOrTx): Promise<Directory> {
	const [users, units] = await Promise.all([
		db.user.findMany({ select: { id: true, name: true, username: true, unitId: true, active: true, roles: { select: { role: true } } } }),
		db.unit.findMany({ select: { id: true, name: true, parentId: true } }),
	])
	return {
		users: new Map(users.map((u) => [u.id, { id: u.id, name: u.name, username: u.username, unitId: u.unitId, roles: u.active ? u.roles.map((r) => r.role) : [] }])),
		units: new Map(units.map((u) => [u.id, { name: u.name, parentId: u.parentId }])),
	}
}

function ancestryOf(directory: Directory, unitId: string): string[] {
	const chain: string[] = []
	let current: string | null = unitId
	while (current && chain.length < 32 && !chain.includes(current)) {
		chain.push(current)
		current = directory.units.get(current)?.parentId ?? null
	}
	return chain
}

function personOf(directory: Directory, userId: string): AbsentPerson {
	const user = directory.users.get(userId)
	const unitId = user?.unitId ?? ''
	return { userId, name: user?.name ?? '（已删除）', username: user?.username ?? '', unitId, unitName: directory.units.get(unitId)?.name ?? '（未知单位）' }
}

type RoundOutcome = {
	roundId: string
	maxScore: number
	eligible: Set<string>
	counted: Map<string, PersonResult>
	pending: Set<string>
}

/** One round's eligible people, counted results (best released, fully graded paper each) and pending papers. */
async function roundOutcome(db: DbOrTx, directory: Directory, roundId: string, now: Date): Promise<RoundOutcome | null> {
	const round = await db.round.findUnique({
		where: { id: roundId },
		select: {
			id: true,
			closesAt: true,
			reviewOpensAt: true,
			scoreRelease: true,
			marksRelease: true,
			drawRules: { select: { count: true, pointsEach: true } },
			eligibility: { select: { kind: true, value: true } },
			accommodations: { select: { userId: true } },
		},
	})
	if (!round) return null
	const [times, attempts] = await Promise.all([
		roundReleaseTimes(db, round),
		db.attempt.findMany({
			where: { roundId, status: { in: CLOSED_ATTEMPT_STATUSES } },
			select: { userId: true, status: true, startedAt: true, finishedAt: true, score: true, gradingStatus: true },
		}),
	])
	const rules: EligibilityRule[] = round.eligibility
	const needsUnits = rules.some((rule) => rule.kind === 'unit')
	const eligible = new Set<string>()
	for (const user of directory.users.values()) {
		if (matchesEligibility(rules, { id: user.id, unitId: user.unitId, roles: user.roles }, needsUnits ? ancestryOf(directory, user.unitId) : [])) eligible.add(user.id)
	}
	const accommodated = new Set(round.accommodations.map((a) => a.userId))
	const counted = new Map<string, PersonResult>()
	const pending = new Set<string>()
	for (const attempt of attempts) {
		const released = attemptRelease(round, times, attempt, now).score.released
		if (!released || attempt.gradingStatus !== 'complete' || attempt.score === null || !attempt.finishedAt) {
			pending.add(attempt.userId)
			continue
		}
		const person = personOf(directory, attempt.userId)
		const result: PersonResult = {
			...person,
			score: roundScore(attempt.score),
			timeUsedMs: Math.max(0, attempt.finishedAt.getTime() - attempt.startedAt.getTime()),
			submittedAt: attempt.finishedAt.getTime(),
			accommodated: accommodated.has(attempt.userId),
			roundsSat: 1,
		}
		const best = counted.get(attempt.userId)
		// A person's best paper counts: higher score, then less time, then earlier.
		if (!best || isAhead({ ...result, accommodated: false }, { ...best, accommodated: false })) counted.set(attempt.userId, result)
	}
	for (const userId of counted.keys()) pending.delete(userId)
	const maxScore = roundScore(round.drawRules.reduce((sum, rule) => sum + rule.count * rule.pointsEach, 0))
	return { roundId, maxScore, eligible, counted, pending }
}

async function minUnitSizeOf(db: DbOrTx, seasonId: string) {
	const setting = await db.rankingSetting.findUnique({ where: { seasonId }, select: { minUnitSize: true } })
	return setting?.minUnitSize ?? DEFAULT_MIN_UNIT_SIZE
}

function assemble(
	directory: Directory,
	head: { scope: RankingScope; scopeId: string; seasonId: string; title: string; maxScore: number; minUnitSize: number },
	results: PersonResult[],
	eligible: Set<string>,
	pending: Set<string>,
): RankingContent {
	const ranked = new Set(results.map((r) => r.userId))
	const absent = [...eligible].filter((id) => !ranked.has(id) && !pending.has(id)).map((id) => personOf(directory, id))
	const pendingPeople = [...pending].filter((id) => !ranked.has(id)).map((id) => personOf(directory, id))
	// A unit's eligible people: those eligible, plus anyone who sat without being eligible now.
	const byUnit = new Map<string, { eligible: Set<string>; scores: number[] }>()
	const unitEntry = (unitId: string) => {
		let entry = byUnit.get(unitId)
		if (!entry) byUnit.set(unitId, (entry = { eligible: new Set(), scores: [] }))
		return entry
	}
	for (const id of eligible) unitEntry(personOf(directory, id).unitId).eligible.add(id)
	for (const id of pending) unitEntry(personOf(directory, id).unitId).eligible.add(id)
	for (const result of results) {
		const entry = unitEntry(result.unitId)
		entry.eligible.add(result.userId)
		entry.scores.push(result.score)
	}
	const units = rankUnits(
		[...byUnit].map(([unitId, entry]) => ({ unitId, unitName: directory.units.get(unitId)?.name ?? '（未知单位）', eligible: entry.eligible.size, scores: entry.scores })),
		{ maxScore: head.maxScore, minUnitSize: head.minUnitSize },
	)
	return {
		...head,
		rules: { person: PERSON_RULE_TEXT, accommodation: ACCOMMODATION_RULE_TEXT, absent: ABSENT_RULE_TEXT, unitIndex: unitIndexFormulaText(head.minUnitSize) },
		people: rankPeople(results),
		absent: sortAbsent(absent),
		pending: sortAbsent(pendingPeople),
		units,
	}
}

/** The ranking of one round at `now`: null when the round does not exist. */
export async function buildRoundRanking(db: DbOrTx, { roundId, now }: { roundId: string; now: Date }): Promise<RankingContent | null> {
	const round = await db.round.findUnique({ where: { id: roundId }, select: { title: true, seasonId: true, season: { select: { name: true } } } })
	if (!round) return null
	const directory = await loadDirectory(db)
	const outcome = await roundOutcome(db, directory, roundId, now)
	if (!outcome) return null
	return assemble(
		directory,
		{ scope: 'round', scopeId: roundId, seasonId: round.seasonId, title: `${round.season.name} · ${round.title}`, maxScore: outcome.maxScore, minUnitSize: await minUnitSizeOf(db, round.seasonId) },
		[...outcome.counted.values()],
		outcome.eligible,
		outcome.pending,
	)
}

/**
 * The season ranking: each person's released scores summed over the season's published rounds
 * (a round not sat adds 0; `roundsSat` says how many count), time used summed, the last
 * submission as the submission time. Accommodated in any counted round: ranked on score alone.
 */
export async function buildSeasonRanking(db: DbOrTx, { seasonId, now }: { seasonId: string; now: Date }): Promise<RankingContent | null> {
	const season = await db.season.findUnique({
		where: { id: seasonId },
		select: { name: true, rounds: { where: { status: { not: 'draft' } }, orderBy: { position: 'asc' }, select: { id: true } } },
	})
	if (!season) return null
	const directory = await loadDirectory(db)
	const outcomes: RoundOutcome[] = []
	for (const round of season.rounds) {
		const outcome = await roundOutcome(db, directory, round.id, now)
		if (outcome) outcomes.push(outcome)
	}
	const totals = new Map<string, PersonResult>()
	const eligible = new Set<string>()
	const pending = new Set<string>()
	for (const outcome of outcomes) {
		for (const id of outcome.eligible) eligible.add(id)
		for (const id of outcome.pending) pending.add(id)
		for (const result of outcome.counted.values()) {
			const total = totals.get(result.userId)
			totals.set(
				result.userId,
				total
					? {
							...total,
							score: roundScore(total.score + result.score),
							timeUsedMs: total.timeUsedMs + result.timeUsedMs,
							submittedAt: Math.max(total.submittedAt, result.submittedAt),
							accommodated: total.accommodated || result.accommodated,
							roundsSat: total.roundsSat + 1,
						}
					: result,
			)
		}
	}
	const maxScore = roundScore(outcomes.reduce((sum, o) => sum + o.maxScore, 0))
	return assemble(
		directory,
		{ scope: 'season', scopeId: seasonId, seasonId, title: `${season.name} · 赛季总排名`, maxScore, minUnitSize: await minUnitSizeOf(db, seasonId) },
		[...totals.values()],
		eligible,
		pending,
	)
}

export async function buildRanking(db: DbOrTx, { scope, scopeId, now }: { scope: RankingScope; scopeId: string; now: Date }) {
	return scope === 'round' ? buildRoundRanking(db, { roundId: scopeId, now }) : buildSeasonRanking(db, { seasonId: scopeId, now })
}
