// Builds a ranking of a round or a season from the database (ADR 060). Only scores a learner
// may already see count (ADR 039: `attemptRelease`), and only fully graded ones: a ranking is a
// public act and must never show a score earlier than the result page would.
// Speed (ADR 064): the bulk rows (every user, every paper) come back from the database as one
// JSON text each (app/rankings/standings.ts); everything else here is a few small queries.
import { attemptRelease, parseReleaseTiming, roundReleaseTimes } from '#app/exams/timing/result-release.ts'
import { roundScore } from '#app/exams/grading/objective.ts'
import { matchesEligibility, type EligibilityRule } from '#app/exams/rounds/eligibility.ts'
import { providerOfDb, type Db, type DbOrTx, type DbProvider } from '#app/utils/db-client.server.ts'
import {
	ABSENT_RULE_TEXT,
	ACCOMMODATION_RULE_TEXT,
	fromTenThousandths,
	PERSON_RULE_TEXT,
	rankPeople,
	rankUnits,
	seasonFormulaText,
	sortAbsent,
	toHundredths,
	unitIndexFormulaText,
	weightedSum,
	type AbsentPerson,
	type PersonResult,
	type RankedPerson,
	type RankedUnit,
} from './ordering.ts'
import { getRankingSettings, weightOf } from './settings.ts'
import { cachedEligible, inputCacheOf, keepEligible, readInputVersions, type InputCache } from './input-cache.ts'
import { readDirectoryUsers, readStandings, type DirectoryUser, type StandingRound } from './standings.server.ts'

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
	users: Map<string, DirectoryUser>
	units: Map<string, { name: string; parentId: string | null }>
}

async function loadDirectory(db: DbOrTx, provider: DbProvider, versions: Map<string, string> | null, cache: InputCache | null): Promise<Directory> {
	const users = await readDirectoryUsers(db, provider, versions, cache)
	const units = await db.unit.findMany({ select: { id: true, name: true, parentId: true } })
	return { users, units: new Map(units.map((u) => [u.id, { name: u.name, parentId: u.parentId }])) }
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

type RoundPlan = { standing: StandingRound; maxScore: number; rulesKey: string; eligible: (directory: Directory, into: Set<string>) => void }

/** A round's release at `now`, its full marks and its eligibility rules: a few small queries, no papers. */
async function planRound(db: DbOrTx, roundId: string, weight: number, now: Date): Promise<RoundPlan | null> {
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
	const times = await roundReleaseTimes(db, round)
	// ADR 039: a score is released at the round's close or review for everyone at once, or (immediately) when each paper is handed in.
	const onSubmit = parseReleaseTiming(round.scoreRelease) === 'immediately'
	const releasedForAll = attemptRelease(round, times, { status: 'submitted', finishedAt: new Date(0) }, now).score.released
	const rules: EligibilityRule[] = round.eligibility
	const needsUnits = rules.some((rule) => rule.kind === 'unit')
	return {
		standing: { roundId, release: onSubmit ? 'on_submit' : releasedForAll ? 'released' : 'withheld', weightHundredths: toHundredths(weight), accommodated: new Set(round.accommodations.map((a) => a.userId)) },
		maxScore: roundScore(round.drawRules.reduce((sum, rule) => sum + rule.count * rule.pointsEach, 0)),
		rulesKey: JSON.stringify(rules.map((rule) => [rule.kind, rule.value]).sort()),
		eligible: (directory, into) => {
			// matchesEligibility's rules, decided once per unit instead of once per person (25,000 per round).
			// A deactivated person (left the bureau) is nobody's eligible person, whatever the rule.
			if (rules.length === 0) {
				for (const user of directory.users.values()) if (user.active && matchesEligibility(rules, user, [])) into.add(user.id)
				return
			}
			const byUnit = new Map<string, boolean>()
			const personRules = rules.filter((rule) => rule.kind !== 'unit')
			const unitRules = rules.filter((rule) => rule.kind === 'unit')
			for (const user of directory.users.values()) {
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
	const versions = cache ? await readInputVersions(db) : null
	// One after the other: inside a PostgreSQL transaction both would share one connection anyway.
	const directory = await loadDirectory(db, provider, versions, cache)
	const read = await readStandings(db, { provider, rounds: plans.map((p) => p.standing), now, versions, cache })
	// Who is eligible depends only on the directory, the unit tree and the rules: reused while all three are unchanged.
	const eligibleKey = cache && versions ? [versions.get('directory') ?? '', unitTreeKey(directory), ...plans.map((plan) => plan.rulesKey)].join('|') : null
	let eligible = eligibleKey ? cachedEligible(cache!, eligibleKey) : null
	if (!eligible) {
		const into = new Set<string>()
		for (const plan of plans) plan.eligible(directory, into)
		if (eligibleKey) keepEligible(cache!, eligibleKey, into)
		eligible = into
	}
	const { userIds, points, timeUsedMs, submittedAt, accommodated, roundsCounted } = read.standings
	const results = new Array<PersonResult>(userIds.length)
	for (let i = 0; i < userIds.length; i++) {
		const userId = userIds[i]!
		const user = directory.users.get(userId)
		const unitId = user?.unitId ?? ''
		results[i] = {
			userId,
			name: user?.name ?? '（已删除）',
			username: user?.username ?? '',
			unitId,
			unitName: directory.units.get(unitId)?.name ?? '（未知单位）',
			score: fromTenThousandths(points[i]!),
			timeUsedMs: timeUsedMs[i]!,
			submittedAt: submittedAt[i]!,
			accommodated: accommodated[i]!,
			roundsSat: roundsCounted[i]!,
		}
	}
	return assemble(directory, head, results, eligible, new Set(read.notCounted))
}

/** The unit tree as eligibility sees it (which unit is under which); units have no version row. */
function unitTreeKey(directory: Directory) {
	return [...directory.units].map(([id, unit]) => `${id}<${unit.parentId ?? ''}`).sort().join(',')
}

function assemble(directory: Directory, head: Head, results: PersonResult[], eligible: ReadonlySet<string>, pending: Set<string>): RankingContent {
	const ranked = new Set(results.map((r) => r.userId))
	const absent: AbsentPerson[] = []
	const pendingPeople: AbsentPerson[] = []
	for (const id of eligible) if (!ranked.has(id) && !pending.has(id)) absent.push(personOf(directory, id))
	for (const id of pending) if (!ranked.has(id)) pendingPeople.push(personOf(directory, id))
	// A unit's eligible people: those eligible, plus anyone who sat without being eligible now.
	const byUnit = new Map<string, { eligible: number; scores: number[] }>()
	const unitEntry = (userId: string) => {
		const unitId = directory.users.get(userId)?.unitId ?? ''
		let entry = byUnit.get(unitId)
		if (!entry) byUnit.set(unitId, (entry = { eligible: 0, scores: [] }))
		return entry
	}
	for (const id of eligible) if (!ranked.has(id)) unitEntry(id).eligible++
	for (const id of pending) if (!ranked.has(id) && !eligible.has(id)) unitEntry(id).eligible++
	for (const result of results) {
		const entry = unitEntry(result.userId)
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
		people: rankPeople(results),
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
	const [plan, settings] = await Promise.all([planRound(db, roundId, 1, now), getRankingSettings(db, round.seasonId)])
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
	const season = await db.season.findUnique({
		where: { id: seasonId },
		select: { name: true, rounds: { where: { status: { not: 'draft' } }, orderBy: { position: 'asc' }, select: { id: true, title: true } } },
	})
	if (!season) return null
	const settings = await getRankingSettings(db, seasonId)
	const weighted = season.rounds.map((round) => ({ ...round, weight: weightOf(settings.roundWeights, round.id) }))
	const plans: RoundPlan[] = []
	for (const round of weighted) {
		if (round.weight <= 0) continue
		const plan = await planRound(db, round.id, round.weight, now)
		if (plan) plans.push(plan)
	}
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
