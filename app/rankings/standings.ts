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
import type { DbOrTx, DbProvider } from '#app/utils/db-client.ts'

export type DirectoryUser = { id: string; name: string; username: string; unitId: string; active: boolean; roles: string[] }

/** Every user with their roles, in one statement. */
export async function readUsers(db: DbOrTx, provider: DbProvider): Promise<DirectoryUser[]> {
	const query =
		provider === 'postgresql'
			? Prisma.sql`SELECT json_agg(json_build_array(u."id", u."name", u."username", u."unitId", u."active",
					(SELECT string_agg(r."role", ',') FROM "UserRole" r WHERE r."userId" = u."id")))::text AS j FROM "User" u`
			: Prisma.sql`SELECT json_group_array(json_array(u."id", u."name", u."username", u."unitId", u."active",
					(SELECT group_concat(r."role", ',') FROM "UserRole" r WHERE r."userId" = u."id"))) AS j FROM "User" u`
	const rows = parseJsonRows<[string, string, string, string, boolean | number, string | null]>(await db.$queryRaw<{ j: string | null }[]>(query))
	return rows.map(([id, name, username, unitId, active, roles]) => ({ id, name, username, unitId, active: Boolean(active), roles: roles ? roles.split(',') : [] }))
}

/** A round as the standings read it: how its papers are released at `now`, and its weight in hundredths. */
export type StandingRound = { roundId: string; release: 'released' | 'on_submit' | 'withheld'; weightHundredths: number; accommodated: ReadonlySet<string> }

/** One person over the rounds read: weighted score in ten-thousandths, summed time, last hand-in, extra time in a counted round, rounds counted. */
export type Standing = { userId: string; scoreTenThousandths: number; timeUsedMs: number; submittedAt: number; accommodated: boolean; roundsCounted: number }

/** A closed paper as read: user, score in hundredths (null: none yet), ms of start, ms of hand-in (null: none), fully graded. */
type Paper = [userId: string, score: number | null, startedMs: number, finishedMs: number | null, complete: boolean | number]

/**
 * One round's closed papers as one JSON text, a person's papers next to each other. Times are
 * turned into whole milliseconds by the database (SQLite keeps them as ISO text, PostgreSQL as
 * timestamps), exactly what Date#getTime gives for the same value. Any fixed order keeps a
 * person's papers together; PostgreSQL sorts by bytes ("C"), far cheaper than a language collation.
 */
async function readPapers(db: DbOrTx, provider: DbProvider, roundId: string): Promise<Paper[]> {
	const statuses = Prisma.join(CLOSED_ATTEMPT_STATUSES)
	const query =
		provider === 'postgresql'
			? Prisma.sql`SELECT COALESCE(json_agg(json_build_array(a."userId", ROUND((a."score" * 100)::numeric),
					ROUND(EXTRACT(EPOCH FROM a."startedAt") * 1000), ROUND(EXTRACT(EPOCH FROM a."finishedAt") * 1000),
					a."gradingStatus" = 'complete') ORDER BY a."userId" COLLATE "C")::text, '[]') AS j
				FROM "Attempt" a WHERE a."roundId" = ${roundId} AND a."status" IN (${statuses})`
			: Prisma.sql`SELECT json_group_array(json_array(a."userId", CAST(ROUND(a."score" * 100) AS INTEGER),
					CAST(ROUND((julianday(a."startedAt") - 2440587.5) * 86400000) AS INTEGER),
					CAST(ROUND((julianday(a."finishedAt") - 2440587.5) * 86400000) AS INTEGER),
					a."gradingStatus" = 'complete') ORDER BY a."userId") AS j
				FROM "Attempt" a WHERE a."roundId" = ${roundId} AND a."status" IN (${statuses})`
	return parseJsonRows<Paper>(await db.$queryRaw<{ j: string | null }[]>(query))
}

type Best = { userId: string; score: number; usedMs: number; finishedMs: number }

/** ADR 060: the better paper has the higher score, then less time, then the earlier hand-in. */
function better(a: Best, b: Best) {
	return a.score !== b.score ? a.score > b.score : a.usedMs !== b.usedMs ? a.usedMs < b.usedMs : a.finishedMs < b.finishedMs
}

/** Who is ranked (with what) over `rounds`, and who handed in a paper that does not count (yet). */
export async function readStandings(
	db: DbOrTx,
	{ provider, rounds, now }: { provider: DbProvider; rounds: readonly StandingRound[]; now: Date },
): Promise<{ standings: Standing[]; notCounted: string[] }> {
	const totals = new Map<string, Standing>()
	const notCounted = new Set<string>()
	const nowMs = now.getTime()
	const add = (round: StandingRound, paper: Best) => {
		const points = paper.score * round.weightHundredths
		const accommodated = round.accommodated.has(paper.userId)
		const total = totals.get(paper.userId)
		if (!total) {
			totals.set(paper.userId, { userId: paper.userId, scoreTenThousandths: points, timeUsedMs: paper.usedMs, submittedAt: paper.finishedMs, accommodated, roundsCounted: 1 })
			return
		}
		total.scoreTenThousandths += points
		total.timeUsedMs += paper.usedMs
		total.submittedAt = Math.max(total.submittedAt, paper.finishedMs)
		total.accommodated ||= accommodated
		total.roundsCounted++
	}
	for (const round of rounds) {
		// A person's papers come one after another: the best so far is the only one held.
		let held: Best | null = null
		for (const [userId, score, startedMs, finishedMs, complete] of await readPapers(db, provider, round.roundId)) {
			const counts = finishedMs !== null && score !== null && Boolean(complete) && (round.release === 'released' || (round.release === 'on_submit' && finishedMs <= nowMs))
			if (!counts) {
				notCounted.add(userId)
				continue
			}
			const paper: Best = { userId, score: Number(score), usedMs: Math.max(0, Number(finishedMs) - Number(startedMs)), finishedMs: Number(finishedMs) }
			if (held && held.userId !== userId) add(round, held)
			if (!held || held.userId !== userId || better(paper, held)) held = paper
		}
		if (held) add(round, held)
	}
	return { standings: [...totals.values()], notCounted: [...notCounted] }
}

function parseJsonRows<T>(rows: { j: string | null }[]): T[] {
	return JSON.parse(rows[0]?.j ?? '[]') as T[]
}
