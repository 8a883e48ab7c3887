import { describe, expect, test } from 'vitest'
import { parseChinaDay, chinaMonthOf } from './dates.ts'
import { attentionFlags, attentionScore, byAttention, type AttentionFacts } from './flags.ts'
import { weakTopics } from './weak-topics.ts'

const now = new Date('2026-11-20T04:00:00Z')
const calm: AttentionFacts = {
	now,
	active: true,
	endsOn: parseChinaDay('2027-08-31')!,
	overdueAssignments: [],
	checkInMonths: ['2026-10', '2026-11'],
	scores: [
		{ title: '第一季度', percent: 70 },
		{ title: '第二季度', percent: 72 },
	],
	lastStudyAt: new Date('2026-11-18T00:00:00Z'),
	signedOff: false,
}

describe('attention flags', () => {
	test('a pairing with nothing wrong has no flags', () => {
		expect(attentionFlags(calm)).toEqual([])
	})

	test('overdue assignments are named, the earliest first', () => {
		const flags = attentionFlags({
			...calm,
			overdueAssignments: [
				{ title: '预算法基础', dueAt: parseChinaDay('2026-11-10')! },
				{ title: '财政练习 10 题', dueAt: parseChinaDay('2026-11-01')! },
			],
		})
		expect(flags).toEqual([{ code: 'overdue', text: '2 项指定学习已逾期，最早的“财政练习 10 题”截止于 2026-11-01' }])
	})

	test('no check-in this month, by the China calendar', () => {
		expect(attentionFlags({ ...calm, checkInMonths: ['2026-10'] })).toEqual([{ code: 'no_check_in', text: '本月（2026年11月）还没有每月一学记录' }])
		// 16:30 UTC on 30 November is already 1 December in China.
		const december = new Date('2026-11-30T16:30:00Z')
		expect(chinaMonthOf(december)).toBe('2026-12')
		expect(attentionFlags({ ...calm, now: december }).map((f) => f.code)).toEqual(['no_check_in'])
	})

	test('falling scores: a drop of at least 5 points between the last two tests', () => {
		expect(attentionFlags({ ...calm, scores: [...calm.scores, { title: '第三季度', percent: 68 }] })).toEqual([])
		expect(attentionFlags({ ...calm, scores: [...calm.scores, { title: '第三季度', percent: 61.6 }] })).toEqual([
			{ code: 'falling_scores', text: '比武成绩下滑：“第三季度”得分率 62%，低于上一次“第二季度”的 72%' },
		])
		expect(attentionFlags({ ...calm, scores: [{ title: '第一季度', percent: 10 }] })).toEqual([])
	})

	test('no study in 14 days, or never', () => {
		expect(attentionFlags({ ...calm, lastStudyAt: new Date('2026-11-07T00:00:00Z') })).toEqual([])
		expect(attentionFlags({ ...calm, lastStudyAt: new Date('2026-11-06T04:00:00Z') })).toEqual([{ code: 'no_study', text: '已 14 天没有学习（最近一次在 2026-11-06）' }])
		expect(attentionFlags({ ...calm, lastStudyAt: null })).toEqual([{ code: 'no_study', text: '还没有任何学习记录（课程或练习）' }])
	})

	test('a term past its end without sign-off is flagged; ended or signed-off pairings never are', () => {
		expect(attentionFlags({ ...calm, endsOn: parseChinaDay('2026-11-01')! }).map((f) => f.code)).toEqual(['term_due'])
		expect(attentionFlags({ ...calm, lastStudyAt: null, active: false })).toEqual([])
		expect(attentionFlags({ ...calm, lastStudyAt: null, signedOff: true })).toEqual([])
	})

	test('the desk orders by attention: overdue work outweighs a missing check-in, then by name', () => {
		const overdue = attentionFlags({ ...calm, overdueAssignments: [{ title: 'x', dueAt: parseChinaDay('2026-11-01')! }] })
		const noCheckIn = attentionFlags({ ...calm, checkInMonths: [] })
		const idleAndNoCheckIn = attentionFlags({ ...calm, checkInMonths: [], lastStudyAt: null })
		expect(attentionScore(overdue)).toBeGreaterThan(attentionScore(noCheckIn))
		const ordered = byAttention([
			{ name: '张三', flags: [] },
			{ name: '李四', flags: noCheckIn },
			{ name: '王五', flags: overdue },
			{ name: '赵六', flags: idleAndNoCheckIn },
			{ name: '陈七', flags: [] },
		])
		expect(ordered.map((o) => o.name)).toEqual(['王五', '赵六', '李四', '陈七', '张三'])
	})
})

describe('weak topics', () => {
	test('groups misses by 专题 and tag, most missed first, with the lessons and problems cited most', () => {
		const topics = weakTopics([
			{ questionId: 'q1', topic: 'fiscal', tags: ['预算调整', '三公经费'], lessonRefs: ['fiscal/budget'], problemRefs: ['CZ-001'] },
			{ questionId: 'q1', topic: 'fiscal', tags: ['预算调整', '三公经费'], lessonRefs: ['fiscal/budget'], problemRefs: ['CZ-001'] },
			{ questionId: 'q2', topic: 'fiscal', tags: ['预算调整'], lessonRefs: ['fiscal/funds'], problemRefs: [] },
			{ questionId: 'q3', topic: 'economic_responsibility', tags: ['五审五评'], lessonRefs: [], problemRefs: ['JZ-002'] },
		])
		expect(topics).toEqual([
			{
				topic: 'fiscal',
				misses: 3,
				questions: 2,
				tags: [
					{ tag: '预算调整', misses: 3 },
					{ tag: '三公经费', misses: 2 },
				],
				lessonRefs: ['fiscal/budget', 'fiscal/funds'],
				problemRefs: ['CZ-001'],
			},
			{ topic: 'economic_responsibility', misses: 1, questions: 1, tags: [{ tag: '五审五评', misses: 1 }], lessonRefs: [], problemRefs: ['JZ-002'] },
		])
		expect(weakTopics([])).toEqual([])
	})
})
