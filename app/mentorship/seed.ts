// Demo data for 导师带徒: pairs of the demo mentors and learners with several months of
// check-ins and reflections, assignments done (by real lesson progress), open and overdue,
// project entries with comments, one completed and acknowledged term, and one change of
// mentor. Written through the domain functions where they exist, dated back from `now`.
import { publicKeyQuestionIds, embargoedQuestionIds } from '#app/exams/rounds/key-embargo.ts'
import type { Db } from '#app/utils/db-client.server.ts'
import { newCard } from '#app/exams/practice/schedule.ts'
import { AssignmentInputSchema, createAssignment } from './assignments.ts'
import { chinaDayOf, chinaMonthOf, parseChinaDay } from './dates.ts'
import { addProjectEntry, commentOnProject, CheckInSchema, ProjectEntrySchema, recordCheckIn, saveReflection } from './journal.ts'
import { changeMentor, createPairing, PairingInputSchema } from './pairings.ts'
import { acknowledgeTerm, signOffTerm, SignOffSchema } from './term.ts'

const DAY = 24 * 3600 * 1000

/** The China day `days` from `now`, as YYYY-MM-DD. */
const dayFrom = (now: Date, days: number) => chinaDayOf(new Date(now.getTime() + days * DAY))
/** The 10th of the China month `back` months before now's. */
function tenthOfMonthBack(now: Date, back: number) {
	const [y, m] = chinaMonthOf(now).split('-').map(Number) as [number, number]
	const index = y * 12 + (m - 1) - back
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-10`
}

const GOALS = [
	['独立完成一个经济责任审计项目的资金核查；熟练使用审计软件查询账套', '每月参加主题党日，撰写一篇廉政学习心得'],
	['掌握预算执行审计的抽凭与延伸调查方法', '学习“党建+业务”双重引领案例，参加一次宣讲'],
	['熟悉固定资产投资审计的工程量复核', '带头参加青年理论学习小组'],
]

export async function seedMentorship(db: Db, { now }: { now: Date }) {
	const users = await db.user.findMany({ select: { id: true, username: true, name: true } })
	const by = new Map(users.map((u) => [u.username, u]))
	const admin = by.get('admin')
	if (!admin || !by.get('mentor') || !by.get('learner')) return { pairs: 0 }
	const actor = { id: admin.id, name: admin.name }
	const lessons = await db.lesson.findMany({
		where: { archivedAt: null, publishedVersionId: { not: null }, course: { status: 'published' } },
		orderBy: [{ course: { sortOrder: 'asc' } }, { position: 'asc' }],
		select: { id: true, courseId: true },
	})
	// Practice answers only on questions whose keys are public and not embargoed: the 错题本
	// shows a practice miss with its key.
	const embargoed = await embargoedQuestionIds(db, now)
	const practicable = (await publicKeyQuestionIds(db, now)).filter((q) => q.status === 'active' && !embargoed.has(q.id))

	const termStart = dayFrom(now, -150)
	const termEnd = dayFrom(now, 215)
	async function pair(mentor: string, apprentice: string, goals: string[], startsOn = termStart, endsOn = termEnd) {
		const made = await createPairing(db, actor, PairingInputSchema.parse({ mentorId: by.get(mentor)!.id, apprenticeId: by.get(apprentice)!.id, startsOn, endsOn, businessGoals: goals[0], partyGoals: goals[1] }))
		if (!made.ok) throw new Error(`演示结对失败：${mentor} → ${apprentice}`)
		return { id: made.id, mentor: by.get(mentor)!, apprentice: by.get(apprentice)! }
	}
	type Pair = Awaited<ReturnType<typeof pair>>

	async function checkIns(p: Pair, monthsBack: number[], topics: string[]) {
		for (const [i, back] of monthsBack.entries()) {
			const heldOn = back === 0 ? dayFrom(now, 0) : tenthOfMonthBack(now, back)
			await recordCheckIn(db, {
				pairingId: p.id,
				authorId: p.mentor.id,
				input: CheckInSchema.parse({ heldOn, topics: topics[i % topics.length], notes: '结合在审项目讲解取证要点，徒弟复述了底稿编制思路。', nextSteps: '完成指定学习，下次带来一份底稿交流。' }),
				now,
			})
			await saveReflection(db, { pairingId: p.id, input: { month: chinaMonthOf(parseChinaDay(heldOn)!), content: `本月学习了${topics[i % topics.length]}，对审计证据的充分性有了新的认识。` }, now })
		}
	}

	async function assign(p: Pair, raw: Record<string, unknown>, assignedAt: Date) {
		return createAssignment(db, p.mentor, { apprenticeId: p.apprentice.id, pairingId: p.id, input: AssignmentInputSchema.parse(raw) }, assignedAt)
	}

	async function completeLesson(userId: string, lessonId: string, at: Date) {
		await db.lessonProgress.upsert({
			where: { userId_lessonId: { userId, lessonId } },
			create: { userId, lessonId, startedAt: new Date(at.getTime() - 40 * 60 * 1000), lastSeenAt: at, completedAt: at, position: 1, timeSpentSeconds: 2100 },
			update: { completedAt: at, lastSeenAt: at },
		})
	}

	async function practise(userId: string, count: number, at: Date) {
		for (const q of practicable.slice(0, count)) {
			const card = await db.practiceCard.upsert({ where: { userId_questionId: { userId, questionId: q.id } }, create: { userId, questionId: q.id, ...newCard(at) }, update: {} })
			await db.practiceReview.create({ data: { cardId: card.id, userId, questionId: q.id, rating: 3, correct: count % 2 === 0, reviewedAt: at } })
		}
	}

	async function project(p: Pair, name: string, topic: string, startBack: number, endBack: number | null, comment: string) {
		const entry = await addProjectEntry(db, {
			pairingId: p.id,
			apprenticeId: p.apprentice.id,
			authorId: p.apprentice.id,
			input: ProjectEntrySchema.parse({
				projectName: name,
				topic,
				periodStart: dayFrom(now, -startBack),
				periodEnd: endBack === null ? undefined : dayFrom(now, -endBack),
				role: '组员',
				work: '负责专项资金拨付与使用情况核查，编制审计底稿 6 份。',
				learned: '学会了从资金流向倒查项目实施，能够独立完成取证记录。',
			}),
		})
		await commentOnProject(db, { pairingId: p.id, authorId: p.mentor.id, input: { entryId: entry.id, body: comment } })
	}

	const assignedAt = new Date(now.getTime() - 40 * DAY)
	// 1. 王导师 and the demo learner: months of check-ins but none this month; a lesson done,
	// a course open, a practice set overdue; two projects.
	const main = await pair('mentor', 'learner', GOALS[0]!)
	await checkIns(main, [4, 3, 2, 1], ['经责审计“五审五评”', '预算执行审计抽凭', '审计证据与底稿', '共性问题清单研读'])
	if (lessons[0]) {
		await assign(main, { kind: 'lesson', lessonId: lessons[0].id, dueOn: dayFrom(now, -20), note: '先打好预算法基础' }, assignedAt)
		await completeLesson(main.apprentice.id, lessons[0].id, new Date(now.getTime() - 25 * DAY))
	}
	if (lessons[0]) await assign(main, { kind: 'course', courseId: lessons[0].courseId, dueOn: dayFrom(now, 30), note: '整门课程，本季度内完成' }, assignedAt)
	await assign(main, { kind: 'practice', topic: 'all', questionCount: 10, dueOn: dayFrom(now, -5), note: '练习后把错题带来讨论' }, assignedAt)
	await practise(main.apprentice.id, 3, new Date(now.getTime() - 3 * DAY))
	await project(main, '某街道党工委书记经济责任审计', 'economic_responsibility', 120, 80, '取证扎实，下次试着独立撰写一节审计报告。')
	await project(main, '区级部门预算执行审计', 'fiscal', 30, null, '注意专项资金的绩效目标比对。')

	// 2. 王导师 and s0001: on track, met this month, assignment done.
	const onTrack = await pair('mentor', 's0001', GOALS[1]!)
	await checkIns(onTrack, [2, 1, 0], ['财政审计方法', '大数据审计入门', '本月项目复盘'])
	if (lessons[1]) {
		await assign(onTrack, { kind: 'lesson', lessonId: lessons[1].id, dueOn: dayFrom(now, -10) }, assignedAt)
		await completeLesson(onTrack.apprentice.id, lessons[1].id, new Date(now.getTime() - 2 * DAY))
	}
	await project(onTrack, '国有企业负责人经济责任审计', 'economic_responsibility', 60, 20, '能抓住决策程序的问题，很好。')

	// 3. 王导师 and s0002: an overdue lesson and no study.
	const behind = await pair('mentor', 's0002', GOALS[2]!)
	await checkIns(behind, [3], ['固投审计工程量复核'])
	if (lessons[2]) await assign(behind, { kind: 'lesson', lessonId: lessons[2].id, dueOn: dayFrom(now, -8), note: '结合老旧小区改造项目看' }, assignedAt)

	// 4–6. Other mentors, each with an apprentice and some records.
	for (const [i, [mentor, apprentice]] of [
		['m0001', 's0003'],
		['m0003', 's0004'],
		['m0005', 's0005'],
	].entries()) {
		const p = await pair(mentor!, apprentice!, GOALS[i % GOALS.length]!)
		await checkIns(p, [2, 1], ['审计整改跟踪', '共性问题清单研读'])
		await assign(p, { kind: 'practice', topic: 'fiscal', questionCount: 5, dueOn: dayFrom(now, 20) }, assignedAt)
		await project(p, `${['区财政局', '区住建局', '区城投公司'][i]}专项审计`, ['fiscal', 'fixed_asset_investment', 'combined'][i]!, 90, 40, '记录清楚，继续保持。')
	}

	// 7. A completed term: 王导师 and s0006 last year, signed off and acknowledged.
	const done = await pair('mentor', 's0006', GOALS[1]!, dayFrom(now, -540), dayFrom(now, -175))
	await db.mentorCheckIn.createMany({
		data: [8, 10, 12, 14].map((back) => {
			const heldOn = parseChinaDay(tenthOfMonthBack(now, back))!
			return { pairingId: done.id, heldOn, month: chinaMonthOf(heldOn), topics: '以审代训阶段复盘', notes: '', nextSteps: '', createdById: done.mentor.id }
		}),
	})
	await project(done, '区教育局财务收支审计', 'fiscal', 400, 350, '独立完成了收入部分的审计，达到出师要求。')
	await signOffTerm(db, done.mentor, { pairingId: done.id, input: SignOffSchema.parse({ businessRating: '4', businessComment: '能独立承担一般项目', partyRating: '3', partyComment: '积极参加党建活动', comments: '结对一年进步明显，同意出师。' }) }, new Date(now.getTime() - 176 * DAY))
	await acknowledgeTerm(db, { pairingId: done.id, apprenticeId: done.apprentice.id, note: '感谢导师一年来的指导。' }, new Date(now.getTime() - 170 * DAY))

	// 8. A change of mentor: s0007 moved from m0002 to m0004 (history kept).
	const moved = await pair('m0002', 's0007', GOALS[2]!)
	await changeMentor(db, actor, { pairingId: moved.id, mentorId: by.get('m0004')!.id, startsOn: parseChinaDay(dayFrom(now, -30))! })

	return { pairs: 8 }
}
