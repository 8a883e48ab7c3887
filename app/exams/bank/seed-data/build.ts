// Small builders that keep the seed bank readable: one line of metadata per question and
// the regulations cited, with the dates they took effect (or stopped applying).
import type { OptionKey, QuestionContentInput, Regulation } from '../question-types.ts'
import type { Topic } from '#app/utils/topics.ts'
import { chinaDate } from '../regulation-format.ts'

type Meta = { d: number; why: string; reg?: Regulation | null; tags?: string[] }

const POINTS = { single: 1, multiple: 2, true_false: 1, fill_blank: 2, short_answer: 10, case_analysis: 20 } as const

function lettered(texts: string[]) {
	return texts.map((text, index) => ({ key: 'ABCDEFGH'[index] as OptionKey, text }))
}

export function bankBuilders(topic: Topic) {
	const common = (meta: Meta) => ({ topic, difficulty: meta.d, explanation: meta.why, regulation: meta.reg ?? null, tags: meta.tags ?? [] })
	return {
		single: (stem: string, options: string[], key: OptionKey, meta: Meta): QuestionContentInput => ({
			...common(meta),
			type: 'single',
			points: POINTS.single,
			stem,
			options: lettered(options),
			answerKey: key,
		}),
		multiple: (stem: string, options: string[], keys: string, meta: Meta): QuestionContentInput => ({
			...common(meta),
			type: 'multiple',
			points: POINTS.multiple,
			stem,
			options: lettered(options),
			answerKey: keys.split('') as OptionKey[],
		}),
		judge: (stem: string, key: boolean, meta: Meta): QuestionContentInput => ({ ...common(meta), type: 'true_false', points: POINTS.true_false, stem, answerKey: key }),
		blanks: (stem: string, key: string[][], meta: Meta): QuestionContentInput => ({ ...common(meta), type: 'fill_blank', points: POINTS.fill_blank, stem, answerKey: key }),
		short: (stem: string, reference: string, rubric: string, meta: Meta): QuestionContentInput => ({
			...common(meta),
			type: 'short_answer',
			points: POINTS.short_answer,
			stem,
			answerKey: reference,
			rubric,
		}),
		case: (stem: string, reference: string, rubric: string, meta: Meta): QuestionContentInput => ({
			...common(meta),
			type: 'case_analysis',
			points: POINTS.case_analysis,
			stem,
			answerKey: reference,
			rubric,
		}),
	}
}

function regulation(name: string, effective?: [number, number, number], expires?: [number, number, number]) {
	return (article = ''): Regulation => ({
		name,
		article,
		effectiveFrom: effective ? chinaDate(...effective) : null,
		expiresAt: expires ? chinaDate(...expires) : null,
	})
}

/** Regulations the seed bank cites. Dates only where the effective date is certain. */
export const REG = {
	budgetLaw: regulation('中华人民共和国预算法', [2015, 1, 1]),
	budgetLawRules: regulation('中华人民共和国预算法实施条例', [2020, 10, 1]),
	auditLaw: regulation('中华人民共和国审计法', [2022, 1, 1]),
	auditStandards: regulation('中华人民共和国国家审计准则', [2011, 1, 1]),
	auditDiscipline: regulation('审计“八不准”工作纪律'),
	economicResponsibility: regulation('党政主要领导干部和国有企事业单位主要领导人员经济责任审计规定'),
	stateAssets: regulation('行政事业性国有资产管理条例', [2021, 4, 1]),
	receptions: regulation('党政机关国内公务接待管理规定'),
	governmentInvestment: regulation('政府投资条例', [2019, 7, 1]),
	epcMeasures: regulation('房屋建筑和市政基础设施项目工程总承包管理办法', [2020, 3, 1]),
	tenderingLaw: regulation('中华人民共和国招标投标法', [2000, 1, 1]),
	mandatoryTendering: regulation('必须招标的工程项目规定', [2018, 6, 1]),
	constructionQuality: regulation('建设工程质量管理条例', [2000, 1, 30]),
	qualityDeposit: regulation('建设工程质量保证金管理办法'),
	migrantWages: regulation('保障农民工工资支付条例', [2020, 5, 1]),
	oldCommunities: regulation('国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见（国办发〔2020〕23号）'),
	/** Repealed when the Civil Code took effect: questions citing it are flagged for review. */
	contractLaw: regulation('中华人民共和国合同法', [1999, 10, 1], [2021, 1, 1]),
	bureauReview2023: regulation('本局2023年工作总结和2024年工作思路'),
}
