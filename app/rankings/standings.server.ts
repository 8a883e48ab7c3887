// The two bulk reads of a ranking (ADR 064), in SQL for each provider because a season of
// 100,000 papers must rank in under 200 ms: reading those rows through the client's row mapping
// costs seconds, while the database can hand back all of them as one JSON text that is parsed
// once. Aggregating in SQL instead (window function + GROUP BY) was measured slower: it sorts
// 100,000 rows twice, and the loop below needs no sort.
// What counts is decided here exactly as ADR 060 says: closed, fully graded, scored, finished,
// and released at `now` (the caller says which rounds are released, and which release each
// paper as soon as it is handed in). Best paper: higher score (to the hundredth), less time, earlier.
import { Prisma } from '#app/generated/prisma/sqlite/client.ts'
import { CLOSED_ATTEMPT_STATUSES } from '#app/exams/grading/grade-attempt.ts'
import type { DbOrTx, DbProvider } from '#app/utils/db-client.server.ts'
import { cachedPapers, keepPapers, parseVersions, type InputCache } from './input-cache.ts'

export type DirectoryUser = { id: string; name: string; username: string; unitId: string; active: boolean; roles: string[] }

/** Every user with their roles, in one statement, with the directory's version (ADR 072) read in the same statement. */
async function readUsers(db: DbOrTx, provider: DbProvider): Promise<{ key: string; users: DirectoryUser[] }> {
	const query =
		provider === 'postgresql'
			? Prisma.sql`SELECT (SELECT string_agg("scope" || '=' || "version"::text, ',') FROM "RankingInputVersion" WHERE "scope" = 'directory') AS v,
					(SELECT json_agg(json_build_array(u."id", u."name", u."username", u."unitId", u."active",
					(SELECT string_agg(r."role", ',') FROM "UserRole" r WHERE r."userId" = u."id")))::text FROM "User" u) AS j`
			: Prisma.sql`SELECT (SELECT group_concat("scope" || '=' || "version", ',') FROM "RankingInputVersion" WHERE "scope" = 'directory') AS v,
					(SELECT json_group_array(json_array(u."id", u."name", u."username", u."unitId", u."active",
					(SELECT group_concat(r."role", ',') FROM "UserRole" r WHERE r."userId" = u."id"))) FROM "User" u) AS j`
	const [row] = await db.$queryRaw<{ v: string | null; j: string | null }[]>(query)
	const rows = JSON.parse(row?.j ?? '[]') as [string, string, string, string, boolean | number, string | null][]
	return {
		key: parseVersions(row?.v ?? null).get('directory') ?? '',
		users: rows.map(([id, name, username, unitId, active, roles]) => ({ id, name, username, unitId, active: Boolean(active), roles: roles ? roles.split(',') : [] })),
	}
}

/**
 * Every user with their roles under a dense index (list[i], indexOf), so a build can add up
 * 100,000 papers in arrays instead of looking people up by id. An inactive user is nobody's
 * eligible person (no roles) but keeps their name on papers they handed in.
 */
export type DirectoryUsers = { list: DirectoryUser[]; indexOf: Map<string, number> }

/** The user with this id, through the dense index. */
export function directoryUser(users: DirectoryUsers, id: string): DirectoryUser | undefined {
	const index = users.indexOf.get(id)
	return index === undefined ? undefined : users.list[index]
}

/** Reused while the directory's version is unchanged (ADR 072). */
export async function readDirectoryUsers(db: DbOrTx, provider: DbProvider, versions: Map<string, string> | null, cache: InputCache | null): Promise<DirectoryUsers> {
	if (cache?.directory && versions && cache.directory.key === (versions.get('directory') ?? '')) return cache.directory.value as DirectoryUsers
	const read = await readUsers(db, provider)
	const list = read.users.map((u) => (u.active ? u : { ...u, roles: [] }))
	const users: DirectoryUsers = { list, indexOf: new Map(list.map((u, i) => [u.id, i])) }
	if (cache) cache.directory = { key: read.key, value: users }
	return users
}

/** A round as the standings read it: how its papers are released at `now`, and its weight in hundredths. */
export type StandingRound = { roundId: string; release: 'released' | 'on_submit' | 'withheld'; weightHundredths: number; accommodated: ReadonlySet<string> }

/**
 * Everyone ranked over the rounds read, column by column (index i is one person): the person
 * (undefined: not in the directory), weighted score in ten-thousandths, summed time, last
 * hand-in, extra time in a counted round, rounds counted.
 */
export type Standings = {
	userIds: string[]
	users: (DirectoryUser | undefined)[]
	points: number[]
	timeUsedMs: number[]
	submittedAt: number[]
	accommodated: boolean[]
	roundsCounted: number[]
}

/**
 * Part of a round's closed papers as read, column by column (a person's papers next to each
 * other): user, score in hundredths (NaN: none yet), ms of start, ms of hand-in (NaN: none), fully graded.
 */
type Papers = {
	userIds: string[]
	scores: Float64Array
	started: Float64Array
	finished: Float64Array
	complete: Uint8Array
	/** Each paper's person as a directory index (-1: not in it), worked out once per directory read. */
	slots?: { directory: DirectoryUsers; index: Int32Array }
}

function slotsOf(papers: Papers, directory: DirectoryUsers): Int32Array {
	if (papers.slots?.directory === directory) return papers.slots.index
	const index = new Int32Array(papers.userIds.length)
	for (let i = 0; i < index.length; i++) index[i] = directory.indexOf.get(papers.userIds[i]!) ?? -1
	papers.slots = { directory, index }
	return index
}

/** The migration's triggers spread a round's papers over this many buckets by the person's id (its last character). */
export const ROUND_BUCKETS = 8

type PaperRow = [bucket: number, userId: string, score: number | null, startedMs: number, finishedMs: number | null, complete: boolean | number]

/**
 * A round's closed papers (all, or one bucket) as one JSON text, with the versions of the
 * buckets read (ADR 072) by the same statement, so rows and versions are one snapshot. Times are
 * turned into whole milliseconds by the database (SQLite keeps them as ISO text, PostgreSQL as
 * timestamps), exactly what Date#getTime gives for the same value. Any fixed order keeps a
 * person's papers together; PostgreSQL sorts by bytes ("C"), far cheaper than a language collation.
 */
async function readPapers(db: DbOrTx, provider: DbProvider, roundId: string, bucket: number | null): Promise<{ versions: Map<string, string>; buckets: Papers[] }> {
	const statuses = Prisma.join(CLOSED_ATTEMPT_STATUSES)
	const scopes = bucket === null ? `round:${roundId}:%` : `round:${roundId}:${bucket}`
	const query =
		provider === 'postgresql'
			? Prisma.sql`SELECT (SELECT string_agg("scope" || '=' || "version"::text, ',') FROM "RankingInputVersion" WHERE "scope" LIKE ${scopes}) AS v,
					(SELECT json_agg(json_build_array(ascii(right(a."userId", 1)) % ${ROUND_BUCKETS}, a."userId", ROUND((a."score" * 100)::numeric),
					ROUND(EXTRACT(EPOCH FROM a."startedAt") * 1000), ROUND(EXTRACT(EPOCH FROM a."finishedAt") * 1000),
					a."gradingStatus" = 'complete') ORDER BY a."userId" COLLATE "C")::text
				FROM "Attempt" a WHERE a."roundId" = ${roundId} AND a."status" IN (${statuses})
					AND (${bucket}::int IS NULL OR ascii(right(a."userId", 1)) % ${ROUND_BUCKETS} = ${bucket}::int)) AS j`
			: Prisma.sql`SELECT (SELECT group_concat("scope" || '=' || "version", ',') FROM "RankingInputVersion" WHERE "scope" LIKE ${scopes}) AS v,
					(SELECT json_group_array(json_array(unicode(substr(a."userId", -1)) % ${ROUND_BUCKETS}, a."userId", CAST(ROUND(a."score" * 100) AS INTEGER),
					CAST(ROUND((julianday(a."startedAt") - 2440587.5) * 86400000) AS INTEGER),
					CAST(ROUND((julianday(a."finishedAt") - 2440587.5) * 86400000) AS INTEGER),
					a."gradingStatus" = 'complete') ORDER BY a."userId")
				FROM "Attempt" a WHERE a."roundId" = ${roundId} AND a."status" IN (${statuses})
					AND (${bucket} IS NULL OR unicode(substr(a."userId", -1)) % ${ROUND_BUCKETS} = ${bucket})) AS j`
	const [row] = await db.$queryRaw<{ v: string | null; j: string | null }[]>(query)
	const rows = JSON.parse(row?.j ?? '[]') as PaperRow[]
	const counts = new Array<number>(ROUND_BUCKETS).fill(0)
	for (const paper of rows) counts[paper[0]]!++
	const buckets = counts.map((n) => ({ userIds: new Array<string>(n), scores: new Float64Array(n), started: new Float64Array(n), finished: new Float64Array(n), complete: new Uint8Array(n) }))
	const filled = new Array<number>(ROUND_BUCKETS).fill(0)
	for (const [b, userId, score, startedMs, finishedMs, complete] of rows) {
		const papers = buckets[b]!
		const i = filled[b]!++
		papers.userIds[i] = userId
		papers.scores[i] = score === null ? NaN : Number(score)
		papers.started[i] = Number(startedMs)
		papers.finished[i] = finishedMs === null ? NaN : Number(finishedMs)
		papers.complete[i] = complete ? 1 : 0
	}
	return { versions: parseVersions(row?.v ?? null), buckets }
}

/**
 * A round's papers, bucket by bucket: a bucket whose version is unchanged is reused (ADR 072).
 * When most buckets changed (or none was read yet) the round is read in one statement; when a few
 * did (a regrade), only those are read again.
 */
async function roundPapers(db: DbOrTx, provider: DbProvider, roundId: string, versions: Map<string, string> | null, cache: InputCache | null): Promise<Papers[]> {
	if (!cache || !versions) return (await readPapers(db, provider, roundId, null)).buckets
	const scopeOf = (bucket: number) => `round:${roundId}:${bucket}`
	const kept = Array.from({ length: ROUND_BUCKETS }, (_, bucket) => cachedPapers<Papers>(cache, scopeOf(bucket), versions.get(scopeOf(bucket)) ?? ''))
	const stale = kept.flatMap((papers, bucket) => (papers ? [] : [bucket]))
	if (stale.length === 0) return kept as Papers[]
	if (stale.length > 2) {
		const read = await readPapers(db, provider, roundId, null)
		read.buckets.forEach((papers, bucket) => keepPapers(cache, scopeOf(bucket), read.versions.get(scopeOf(bucket)) ?? '', papers))
		return read.buckets
	}
	for (const bucket of stale) {
		const read = await readPapers(db, provider, roundId, bucket)
		kept[bucket] = read.buckets[bucket]!
		keepPapers(cache, scopeOf(bucket), read.versions.get(scopeOf(bucket)) ?? '', kept[bucket])
	}
	return kept as Papers[]
}

function grown<T extends Float64Array | Uint8Array | Uint16Array>(array: T, length: number): T {
	const bigger = new (array.constructor as new (length: number) => T)(length)
	bigger.set(array)
	return bigger
}

/** ADR 060: paper a is better than paper b with the higher score, then less time, then the earlier hand-in. */
function better(aScore: number, aUsed: number, aFinished: number, bScore: number, bUsed: number, bFinished: number) {
	return aScore !== bScore ? aScore > bScore : aUsed !== bUsed ? aUsed < bUsed : aFinished < bFinished
}

/** Who is ranked (with what) over `rounds`, and who handed in a paper that does not count (yet). */
export async function readStandings(
	db: DbOrTx,
	{
		provider,
		rounds,
		now,
		versions,
		cache,
		directory,
	}: { provider: DbProvider; rounds: readonly StandingRound[]; now: Date; versions: Map<string, string> | null; cache: InputCache | null; directory: DirectoryUsers },
): Promise<{ standings: Standings; notCounted: string[] }> {
	// A person's season totals in arrays under the directory's dense index (a season is 25,000
	// people × 4 rounds: an object or a lookup by id per paper is most of the time). Someone not in
	// the directory (rare: a paper whose person is gone) gets a slot after it.
	const known = directory.list.length
	const outsiders = new Map<string, number>()
	const outsiderIds: string[] = []
	let capacity = known + 1
	let points = new Float64Array(capacity)
	let used = new Float64Array(capacity)
	let lastFinish = new Float64Array(capacity)
	let accommodated = new Uint8Array(capacity)
	let counted = new Uint16Array(capacity)
	const notCounted = new Set<string>()
	const nowMs = now.getTime()
	const slotOf = (userId: string) => {
		let slot = outsiders.get(userId)
		if (slot === undefined) {
			slot = known + outsiderIds.length
			outsiders.set(userId, slot)
			outsiderIds.push(userId)
			if (slot >= capacity) {
				capacity *= 2
				points = grown(points, capacity)
				used = grown(used, capacity)
				lastFinish = grown(lastFinish, capacity)
				accommodated = grown(accommodated, capacity)
				counted = grown(counted, capacity)
			}
		}
		return slot
	}
	for (const round of rounds) {
		const add = (slot: number, score: number, usedMs: number, finishedMs: number) => {
			points[slot]! += score * round.weightHundredths
			used[slot]! += usedMs
			if (finishedMs > lastFinish[slot]!) lastFinish[slot] = finishedMs
			if (round.accommodated.size > 0 && round.accommodated.has(idOf(slot))) accommodated[slot] = 1
			counted[slot]!++
		}
		for (const papers of await roundPapers(db, provider, round.roundId, versions, cache)) {
			const { userIds, scores, started, finished, complete } = papers
			const slots = slotsOf(papers, directory)
			// A person's papers come one after another: the best so far is the only one held, in
			// plain variables (an object per paper is garbage to collect).
			let heldSlot = -1
			let heldScore = 0
			let heldUsed = 0
			let heldFinished = 0
			for (let i = 0; i < userIds.length; i++) {
				const score = scores[i]!
				const finishedMs = finished[i]!
				const counts = !Number.isNaN(finishedMs) && !Number.isNaN(score) && complete[i] === 1 && (round.release === 'released' || (round.release === 'on_submit' && finishedMs <= nowMs))
				if (!counts) {
					notCounted.add(userIds[i]!)
					continue
				}
				const slot = slots[i]! >= 0 ? slots[i]! : slotOf(userIds[i]!)
				const usedMs = Math.max(0, finishedMs - started[i]!)
				if (heldSlot !== slot) {
					if (heldSlot >= 0) add(heldSlot, heldScore, heldUsed, heldFinished)
				} else if (!better(score, usedMs, finishedMs, heldScore, heldUsed, heldFinished)) continue
				heldSlot = slot
				heldScore = score
				heldUsed = usedMs
				heldFinished = finishedMs
			}
			if (heldSlot >= 0) add(heldSlot, heldScore, heldUsed, heldFinished)
		}
	}
	function idOf(slot: number) {
		return slot < known ? directory.list[slot]!.id : outsiderIds[slot - known]!
	}
	// Those with a counted paper, in directory order, as columns.
	const slots = known + outsiderIds.length
	let ranked = 0
	for (let slot = 0; slot < slots; slot++) if (counted[slot] !== 0) ranked++
	const standings: Standings = {
		userIds: new Array<string>(ranked),
		users: new Array<DirectoryUser | undefined>(ranked),
		points: new Array<number>(ranked),
		timeUsedMs: new Array<number>(ranked),
		submittedAt: new Array<number>(ranked),
		accommodated: new Array<boolean>(ranked),
		roundsCounted: new Array<number>(ranked),
	}
	for (let slot = 0, i = 0; slot < slots; slot++) {
		if (counted[slot] === 0) continue
		standings.userIds[i] = idOf(slot)
		standings.users[i] = slot < known ? directory.list[slot] : undefined
		standings.points[i] = points[slot]!
		standings.timeUsedMs[i] = used[slot]!
		standings.submittedAt[i] = lastFinish[slot]!
		standings.accommodated[i] = accommodated[slot] === 1
		standings.roundsCounted[i] = counted[slot]!
		i++
	}
	return { standings, notCounted: [...notCounted] }
}
