// The "3+1" season: three topic rounds (财政, 经责, 固投) and a combined round, one a quarter.
// Pure defaults; season.ts writes them. Admins adjust every round afterwards.
import type { QuestionType } from '#app/exams/bank/question-types.ts'
import type { Topic } from '#app/utils/topics.ts'
import { chinaDateTime } from '#app/exams/timing/china-time.ts'
import type { DrawRuleSpec } from './draw.ts'
import { DEFAULT_RELEASE, type ReleaseTiming } from '#app/exams/timing/release-options.ts'

export const ROUND_TOPICS = ['fiscal', 'economic_responsibility', 'fixed_asset_investment', 'combined'] as const
export type RoundTopic = (typeof ROUND_TOPICS)[number]

export const ROUND_TOPIC_TITLES: Record<RoundTopic, string> = {
	fiscal: '财政审计',
	economic_responsibility: '经济责任审计',
	fixed_asset_investment: '固定资产投资审计',
	combined: '综合',
}

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'] as const

type RuleTemplate = Omit<DrawRuleSpec, 'position'>

function rules(topic: Topic, parts: [QuestionType, number, number][]): RuleTemplate[] {
	return parts.map(([type, count, pointsEach]) => ({ topic, type, difficulty: null, count, pointsEach }))
}

/** 100 points: 单选 20, 多选 20, 判断 10, 填空 10, 简答 20, 案例分析 20. */
function topicRoundRules(topic: Topic): RuleTemplate[] {
	return rules(topic, [
		['single', 10, 2],
		['multiple', 5, 4],
		['true_false', 10, 1],
		['fill_blank', 5, 2],
		['short_answer', 2, 10],
		['case_analysis', 1, 20],
	])
}

/** 100 points: each topic's objective questions (20 each), then combined essays (40). */
function combinedRoundRules(): RuleTemplate[] {
	const perTopic = (['fiscal', 'economic_responsibility', 'fixed_asset_investment'] as const).flatMap((topic) =>
		rules(topic, [
			['single', 4, 2],
			['multiple', 2, 3],
			['true_false', 3, 1],
			['fill_blank', 1, 3],
		]),
	)
	return [...perTopic, ...rules('combined', [['short_answer', 2, 10], ['case_analysis', 1, 20]])]
}

export type RoundTemplate = {
	position: number
	topic: RoundTopic
	title: string
	opensAt: Date
	closesAt: Date
	timeLimitMinutes: number
	instructions: string
	/** 成绩公布 (ADR 039): 技能比武 results once nobody can still be answering. */
	scoreRelease: ReleaseTiming
	marksRelease: ReleaseTiming
	drawRules: DrawRuleSpec[]
}

export const DEFAULT_TIME_LIMIT_MINUTES = 90

export const DEFAULT_INSTRUCTIONS = [
	'1. 考试开始后计时，时间到系统自动交卷，请合理安排时间。',
	'2. 每道题作答后自动保存，页面显示“已保存”即表示服务器已收到。',
	'3. 断网时答案暂存在本机，恢复联网后自动补传，请勿清除浏览器数据。',
	'4. 独立作答，不得查阅资料或与他人交流。',
].join('\n')

/** Quarter q's round opens on the 10th of its last month at 09:00 and closes a week later at 18:00 (China time). */
export function seasonTemplate(year: number): RoundTemplate[] {
	return ROUND_TOPICS.map((topic, index) => {
		const month = (index + 1) * 3
		const drawRules = (topic === 'combined' ? combinedRoundRules() : topicRoundRules(topic)).map((rule, i) => ({ ...rule, position: i + 1 }))
		return {
			position: index + 1,
			topic,
			title: `${year}年${QUARTER_NAMES[index]}技能比武 · ${ROUND_TOPIC_TITLES[topic]}`,
			opensAt: chinaDateTime(year, month, 10, 9, 0),
			closesAt: chinaDateTime(year, month, 17, 18, 0),
			timeLimitMinutes: DEFAULT_TIME_LIMIT_MINUTES,
			instructions: DEFAULT_INSTRUCTIONS,
			...DEFAULT_RELEASE,
			drawRules,
		}
	})
}
