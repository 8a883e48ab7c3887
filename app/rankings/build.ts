// Builds a ranking of a round or a season from the database (ADR 060). Only scores a learner
// may already see count (ADR 039: `attemptRelease`), and only fully graded ones: a ranking is a
// public act and must never show a score earlier than the result page would.
// Speed (ADR 064): the bulk rows (every user, every paper) come back from the database as one
// JSON text each (app/rankings/standings.ts); everything else here is a few small queries.
import { attemptRelease, parseReleaseTiming, releaseTimesFrom, type RoundReleaseTimes } from '#app/exams/timing/result-release.ts'
import { latestFinishFrom } from '#app/exams/timing/review-window.ts'
import { roundScore } from '#app/exams/grading/objective.ts'
import { matchesEligibility, type EligibilityRule } from '#app/exams/rounds/eligibility.ts'
import type { Prisma } from '#app/generated/prisma/sqlite/client.ts'
import { providerOfDb, readTogether, type Db, type DbOrTx, type DbProvider } from '#app/utils/db-client.server.ts'
import {
	ABSENT_RULE_TEXT,
	ACCOMMODATION_RULE_TEXT,
	fromTenThousandths,
	PERSON_RULE_TEXT,
	displayOrder,
	rankOrder,
	rankUnits,
	seasonFormulaText,
	sortAbsent,
	toHundredths,
	unitIndexFormulaText,
	weightedSum,
	type AbsentPerson,
	type RankedPerson,
	type RankedUnit,
} from './ordering.ts'
import { getRankingSettings, weightOf } from './settings.ts'
import { cachedEligible, inputCacheOf, keepEligible, readInputVersions } from './input-cache.ts'
import { directoryUser, readDirectoryUsers, readStandings, type DirectoryUsers, type StandingRound } from './standings.server.ts'

export type RankingScope = 'round' | 'season'

/** Everything a ranking shows; a snapshot stores exactly this (canonically serialised). */
export type RankingContent = {
	scope: RankingScope
	scopeId: string
	seasonId: string
	title: string
	maxScore: number
	minUnitSize: number
	/** `season`: the season formula with the weights used (season rankings only). */
	rules: { person: string; accommodation: string; absent: string; unitIndex: string; season?: string }
	people: RankedPerson[]
	/** 缺考: eligible, no paper handed in. */
	absent: AbsentPerson[]
	/** Handed in, but the score is not yet released or not fully graded: not ranked yet. */
	pending: AbsentPerson[]
	units: RankedUnit[]
}

type Directory = {
	users: DirectoryUsers
	units: Map<string, { name: string; parentId: string | null }>
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
	const user = directoryUser(directory.users, userId)
	const unitId = user?.unitId ?? ''
	return { userId, name: user?.name ?? '（已删除）', username: user?.username ?? '', unitId, unitName: directory.units.get(unitId)?.name ?? '（未知单位）' }
}

type RoundPlan = { standing: StandingRound; maxScore: number; rulesKey: string; eligible: (directory: Directory, into: Set<string>) => void }

/** What planning a round reads of it; PlannedRound is derived from it, so the two cannot drift. */
const PLANNED_ROUND_SELECT = {
	id: true,
	closesAt: true,
	reviewOpensAt: true,
	scoreRelease: true,
	marksRelease: true,
	drawRules: { select: { count: true, pointsEach: true } },
	eligibility: { select: { kind: true, value: true } },
	accommodations: { select: { userId: true, extraMinutes: true, closesAt: true } },
} satisfies Prisma.RoundSelect
type PlannedRound = Prisma.RoundGetPayload<{ select: typeof PLANNED_ROUND_SELECT }>

/**
 * Each round's release at `now`, its full marks and its eligibility rules, for several rounds at
 * once: one read of the rounds (with their draw rules, eligibility and accommodations) and one of
 * their open attempts' latest deadlines, whatever the number of rounds. Query by query per round
 * this was two dozen round trips for a season, a quarter of a build on PostgreSQL. In input order;
 * a round that does not exist is left out.
 */
async function planRounds(db: DbOrTx, rounds: readonly { id: string; weight: number }[], now: Date): Promise<RoundPlan[]> {
	const ids = rounds.map((round) => round.id)
	const [rows, openDeadlines] = await readTogether(
		db,
		() => db.round.findMany({ where: { id: { in: ids } }, select: PLANNED_ROUND_SELECT }),
		() => db.attempt.groupBy({ by: ['roundId'], where: { roundId: { in: ids }, status: 'open' }, _max: { deadline: true } }),
	)
	const latestOpen = new Map(openDeadlines.map((row) => [row.roundId, row._max.deadline]))
	const byId = new Map(rows.map((row) => [row.id, row]))
	return rounds.flatMap(({ id, weight }) => {
		const round = byId.get(id)
		return round ? [planOf(round, releaseTimesFrom(round, latestFinishFrom(round.closesAt, round.accommodations, latestOpen.get(id) ?? null)), weight, now)] : []
	})
}


function planOf(round: PlannedRound, times: RoundReleaseTimes, weight: number, now: Date): RoundPlan {
	// ADR 039: a score is released at the round's close or review for everyone at once, or (immediately) when each paper is handed in.
	const onSubmit = parseReleaseTiming(round.scoreRelease) === 'immediately'
	const releasedForAll = attemptRelease(round, times, { status: 'submitted', finishedAt: new Date(0) }, now).score.released
	const rules: EligibilityRule[] = round.eligibility
	const needsUnits = rules.some((rule) => rule.kind === 'unit')
	return {
		standing: { roundId: round.id, release: onSubmit ? 'on_submit' : releasedForAll ? 'released' : 'withheld', weightHundredths: toHundredths(weight), accommodated: new Set(round.accommodations.map((a) => a.userId)) },
		maxScore: roundScore(round.drawRules.reduce((sum, rule) => sum + rule.count * rule.pointsEach, 0)),
		rulesKey: JSON.stringify(rules.map((rule) => [rule.kind, rule.value]).sort()),
		eligible: (directory, into) => {
			// matchesEligibility's rules, decided once per unit instead of once per person (25,000 per round).
			// A deactivated person (left the bureau) is nobody's eligible person, whatever the rule.
			if (rules.length === 0) {
				for (const user of directory.users.list) if (user.active && matchesEligibility(rules, user, [])) into.add(user.id)
				return
			}
			const byUnit = new Map<string, boolean>()
			const personRules = rules.filter((rule) => rule.kind !== 'unit')
			const unitRules = rules.filter((rule) => rule.kind === 'unit')
			for (const user of directory.users.list) {
				if (!user.active) continue
				let unitMatches = byUnit.get(user.unitId)
				if (unitMatches === undefined) {
					unitMatches = needsUnits && matchesEligibility(unitRules, user, ancestryOf(directory, user.unitId))
					byUnit.set(user.unitId, unitMatches)
				}
				if (unitMatches || (personRules.length > 0 && matchesEligibility(personRules, user, []))) into.add(user.id)
			}
		},
	}
}

type Head = { scope: RankingScope; scopeId: string; seasonId: string; title: string; maxScore: number; minUnitSize: number; seasonRule?: string }

/** Reads the rounds' standings and eligibility and puts the ranking together. */
async function rank(db: DbOrTx, provider: DbProvider, plans: RoundPlan[], head: Head, now: Date): Promise<RankingContent> {
	// Outside a transaction, what was read before is reused while its version is unchanged (ADR 072).
	const cache = await inputCacheOf(db, provider)
	const [versions, units] = await readTogether(
		db,
		async () => (cache ? readInputVersions(db) : null),
		() => db.unit.findMany({ select: { id: true, name: true, parentId: true } }),
	)
	const directory: Directory = {
		users: await readDirectoryUsers(db, provider, versions, cache),
		units: new Map(units.map((u) => [u.id, { name: u.name, parentId: u.parentId }])),
	}
	const read = await readStandings(db, { provider, rounds: plans.map((p) => p.standing), now, versions, cache, directory: directory.users })
	// Who is eligible depends only on the directory, the unit tree and the rules: reused while all three are unchanged.
	const eligibleKey = cache && versions ? [versions.get('directory') ?? '', unitTreeKey(directory), ...plans.map((plan) => plan.rulesKey)].join('|') : null
	let eligible = eligibleKey ? cachedEligible(cache!, eligibleKey) : null
	if (!eligible) {
		const into = new Set<string>()
		for (const plan of plans) plan.eligible(directory, into)
		if (eligibleKey) keepEligible(cache!, eligibleKey, into)
		eligible = into
	}
	const { userIds, users, points, timeUsedMs, submittedAt, accommodated, roundsCounted } = read.standings
	const score = points.map(fromTenThousandths)
	// Ordered on the columns, then one row object per person, made in rank order.
	const { order, ranks } = rankOrder({ count: userIds.length, score, timeUsedMs, submittedAt, accommodated })
	const people = new Array<RankedPerson>(order.length)
	for (let k = 0; k < order.length; k++) {
		const i = order[k]!
		const user = users[i]
		const unitId = user?.unitId ?? ''
		people[k] = {
			userId: userIds[i]!,
			name: user?.name ?? '（已删除）',
			username: user?.username ?? '',
			unitId,
			unitName: directory.units.get(unitId)?.name ?? '（未知单位）',
			score: score[i]!,
			timeUsedMs: timeUsedMs[i]!,
			submittedAt: submittedAt[i]!,
			accommodated: accommodated[i]!,
			roundsSat: roundsCounted[i]!,
			rank: ranks[k]!,
		}
	}
	return assemble(directory, head, displayOrder(people), eligible, new Set(read.notCounted))
}

/** The unit tree as eligibility sees it (which unit is under which); units have no version row. */
function unitTreeKey(directory: Directory) {
	return [...directory.units].map(([id, unit]) => `${id}<${unit.parentId ?? ''}`).sort().join(',')
}

function assemble(directory: Directory, head: Head, people: RankedPerson[], eligible: ReadonlySet<string>, pending: Set<string>): RankingContent {
	const ranked = new Set(people.map((r) => r.userId))
	const absent: AbsentPerson[] = []
	const pendingPeople: AbsentPerson[] = []
	for (const id of eligible) if (!ranked.has(id) && !pending.has(id)) absent.push(personOf(directory, id))
	for (const id of pending) if (!ranked.has(id)) pendingPeople.push(personOf(directory, id))
	// A unit's eligible people: those eligible, plus anyone who sat without being eligible now.
	const byUnit = new Map<string, { eligible: number; scores: number[] }>()
	const unitEntry = (unitId: string) => {
		let entry = byUnit.get(unitId)
		if (!entry) byUnit.set(unitId, (entry = { eligible: 0, scores: [] }))
		return entry
	}
	const unitOf = (userId: string) => directoryUser(directory.users, userId)?.unitId ?? ''
	for (const id of eligible) if (!ranked.has(id)) unitEntry(unitOf(id)).eligible++
	for (const id of pending) if (!ranked.has(id) && !eligible.has(id)) unitEntry(unitOf(id)).eligible++
	for (const result of people) {
		const entry = unitEntry(result.unitId)
		entry.eligible++
		entry.scores.push(result.score)
	}
	const units = rankUnits(
		[...byUnit].map(([unitId, entry]) => ({ unitId, unitName: directory.units.get(unitId)?.name ?? '（未知单位）', eligible: entry.eligible, scores: entry.scores })),
		{ maxScore: head.maxScore, minUnitSize: head.minUnitSize },
	)
	const { seasonRule, ...rest } = head
	return {
		...rest,
		rules: { person: PERSON_RULE_TEXT, accommodation: ACCOMMODATION_RULE_TEXT, absent: ABSENT_RULE_TEXT, unitIndex: unitIndexFormulaText(head.minUnitSize), season: seasonRule },
		people,
		absent: sortAbsent(absent),
		pending: sortAbsent(pendingPeople),
		units,
	}
}

type BuildOptions = { now: Date; provider?: DbProvider }

/** Inside a transaction the client cannot say which database it is: callers there pass `provider`. */
function providerFor(db: DbOrTx, provider: DbProvider | undefined) {
	return provider ?? providerOfDb(db as Db)
}

/** The ranking of one round at `now`: null when the round does not exist. */
export async function buildRoundRanking(db: DbOrTx, { roundId, now, provider }: BuildOptions & { roundId: string }): Promise<RankingContent | null> {
	const round = await db.round.findUnique({ where: { id: roundId }, select: { title: true, seasonId: true, season: { select: { name: true } } } })
	if (!round) return null
	const [[plan], settings] = await readTogether(
		db,
		() => planRounds(db, [{ id: roundId, weight: 1 }], now),
		() => getRankingSettings(db, round.seasonId),
	)
	if (!plan) return null
	return rank(
		db,
		providerFor(db, provider),
		[plan],
		{ scope: 'round', scopeId: roundId, seasonId: round.seasonId, title: `${round.season.name} · ${round.title}`, maxScore: plan.maxScore, minUnitSize: settings.minUnitSize },
		now,
	)
}

/**
 * The season ranking: Σ score × weight over the season's published rounds (weights per season,
 * ADR 064; 1 each unless set, so the plain sum; a round weighted 0 is left out; a round not sat
 * adds 0; `roundsSat` says how many count), full marks weighted alike, time used summed, the last
 * submission as the submission time. Accommodated in any counted round: ranked on score alone.
 */
export async function buildSeasonRanking(db: DbOrTx, { seasonId, now, provider }: BuildOptions & { seasonId: string }): Promise<RankingContent | null> {
	const [season, settings] = await readTogether(
		db,
		() =>
			db.season.findUnique({
				where: { id: seasonId },
				select: { name: true, rounds: { where: { status: { not: 'draft' } }, orderBy: { position: 'asc' }, select: { id: true, title: true } } },
			}),
		() => getRankingSettings(db, seasonId),
	)
	if (!season) return null
	const weighted = season.rounds.map((round) => ({ ...round, weight: weightOf(settings.roundWeights, round.id) }))
	const plans = await planRounds(
		db,
		weighted.filter((round) => round.weight > 0),
		now,
	)
	const maxScore = weightedSum(plans.map((plan) => ({ score: plan.maxScore, weight: plan.standing.weightHundredths / 100 })))
	return rank(
		db,
		providerFor(db, provider),
		plans,
		{ scope: 'season', scopeId: seasonId, seasonId, title: `${season.name} · 赛季总排名`, maxScore, minUnitSize: settings.minUnitSize, seasonRule: seasonFormulaText(weighted) },
		now,
	)
}

export async function buildRanking(db: DbOrTx, { scope, scopeId, now, provider }: BuildOptions & { scope: RankingScope; scopeId: string }) {
	return scope === 'round' ? buildRoundRanking(db, { roundId: scopeId, now, provider }) : buildSeasonRanking(db, { seasonId: scopeId, now, provider })
}
