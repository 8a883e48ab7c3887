// The world the security suite walks: the demo data `npm start` writes (every kind of row a
// route can be asked about: rounds open and closed, graded attempts, appeals, pairings, a
// published ranking, courses and lessons), on a real SQLite copy that the app's shared client
// points at, plus one person per identity the access table distinguishes.
import type { Db } from '#app/utils/db-client.server.ts'
import type { Role } from '#app/utils/roles.ts'
import { getTestDbWithUrl } from '#tests/db-utils.ts'
import { signIn, type SignedIn } from '#tests/sign-in.ts'

/** Who asks: nobody, someone with no role, each role alone, and someone with several. */
export const IDENTITIES = ['anonymous', 'none', 'learner', 'mentor', 'lecturer', 'admin', 'several'] as const
export type Identity = (typeof IDENTITIES)[number]

export type World = Awaited<ReturnType<typeof buildWorld>>

async function buildWorld() {
	const opened = await getTestDbWithUrl('sqlite')
	// The routes use the app's shared client, built on first import: point it here first.
	process.env.DATABASE_URL = opened.url
	const db: Db = opened.db
	const [{ syncGitContent }, { seedDemoData }, { forgetLessonShells }] = await Promise.all([
		import('#app/courses/git-sync.server.ts'),
		import('../../prisma/seed.ts'),
		import('#app/courses/lesson-shell.ts'),
	])
	await syncGitContent(db)
	forgetLessonShells(db)
	await seedDemoData(db)
	await db.user.updateMany({ data: { mustChangePassword: false } })

	const byName = async (username: string) => db.user.findUniqueOrThrow({ where: { username }, select: { id: true, name: true, unitId: true, roles: { select: { role: true } } } })
	const district = (await byName('admin')).unitId
	const nobody = await db.user.create({ data: { username: 'norole', name: '无身份人员', unitId: district, mustChangePassword: false }, select: { id: true } })
	// 'learner' sat the closed round, filed appeals and is 'mentor''s apprentice; 'mentor' is a
	// mentor and a lecturer (several roles), m0001 a mentor alone with another apprentice.
	const people: Record<Exclude<Identity, 'anonymous'>, string> = {
		none: nobody.id,
		learner: (await byName('learner')).id,
		mentor: (await byName('m0001')).id,
		lecturer: (await byName('lecturer')).id,
		admin: (await byName('admin')).id,
		several: (await byName('mentor')).id,
	}
	const roles = Object.fromEntries(
		await Promise.all(Object.entries(people).map(async ([identity, id]) => [identity, (await db.userRole.findMany({ where: { userId: id } })).map((r) => r.role as Role)])),
	) as Record<Exclude<Identity, 'anonymous'>, Role[]>
	const sessions = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([identity, id]) => [identity, await signIn(db, id)]))) as Record<
		Exclude<Identity, 'anonymous'>,
		SignedIn
	>
	return { db, url: opened.url, people, roles, sessions }
}

let world: Promise<World> | null = null
/** Built once per test file (each file has its own database copy). */
export function openWorld() {
	world ??= buildWorld()
	return world
}

/**
 * One real row for every route param, chosen so the owner is a known identity: the attempt and
 * the appeals are 'learner''s, the pairing is 'several''s (their mentor) with 'learner', and
 * m0001 (the 'mentor' identity) mentors someone else.
 */
export async function fixtureParams(world: World) {
	const { db, people } = world
	const now = new Date()
	const closedRound = await db.round.findFirstOrThrow({ where: { season: { year: 2026 }, status: 'published', closesAt: { lt: now } }, select: { id: true, seasonId: true } })
	const openRound = await db.round.findFirstOrThrow({ where: { season: { year: 2026 }, status: 'published', opensAt: { lte: now }, closesAt: { gt: now } }, select: { id: true } })
	const attempt = await db.attempt.findFirstOrThrow({ where: { roundId: closedRound.id, userId: people.learner }, select: { id: true } })
	// A question that needs a person's marks, if the round has one; the grading page opens either.
	const subjective =
		(await db.attemptQuestion.findFirst({ where: { attempt: { status: { not: 'open' } }, questionVersion: { type: { in: ['short_answer', 'case_analysis'] } } }, select: { id: true } })) ??
		(await db.attemptQuestion.findFirstOrThrow({ where: { attemptId: attempt.id }, select: { id: true } }))
	const appeal = await db.appeal.findFirstOrThrow({ where: { userId: people.learner }, select: { id: true } })
	const appealed = new Set((await db.appeal.findMany({ where: { attemptId: attempt.id }, select: { position: true } })).map((a) => a.position))
	const positions = await db.attemptQuestion.findMany({ where: { attemptId: attempt.id }, orderBy: { position: 'asc' }, select: { position: true } })
	const unappealedPosition = positions.find((q) => !appealed.has(q.position))!.position
	const pairing = await db.pairing.findFirstOrThrow({ where: { mentorId: people.several, apprenticeId: people.learner }, select: { id: true } })
	const question = await db.question.findFirstOrThrow({ where: { status: 'active', currentVersionId: { not: null } }, select: { id: true, currentVersionId: true } })
	const lesson = await db.lesson.findFirstOrThrow({ where: { publishedVersionId: { not: null } }, select: { id: true, slug: true, course: { select: { id: true, slug: true } } } })
	const problem = await db.commonProblem.findFirstOrThrow({ select: { code: true } })
	const snapshot = await db.rankingSnapshot.findFirstOrThrow({ where: { scope: 'round', scopeId: closedRound.id }, select: { id: true } })
	const learnerUnit = (await db.user.findUniqueOrThrow({ where: { id: people.learner }, select: { unitId: true } })).unitId
	return {
		closedRoundId: closedRound.id,
		openRoundId: openRound.id,
		unappealedPosition,
		params: {
			roundId: closedRound.id,
			seasonId: closedRound.seasonId,
			attemptId: attempt.id,
			attemptQuestionId: subjective.id,
			appealId: appeal.id,
			pairingId: pairing.id,
			apprenticeId: people.learner,
			userId: people.learner,
			unitId: learnerUnit,
			questionId: question.id,
			versionId: question.currentVersionId!,
			courseId: lesson.course.id,
			lessonId: lesson.id,
			slug: lesson.course.slug,
			lesson: lesson.slug,
			code: problem.code,
			snapshotId: snapshot.id,
			scope: 'round',
			scopeId: closedRound.id,
			'*': 'no-such-page',
		} as Record<string, string>,
	}
}
