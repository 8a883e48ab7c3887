// Which lesson (course-slug/lesson-slug, from content/courses) and which 共性问题 (code, from
// common-problems.yaml) a seed question points to, by its tags. The review page and the
// 错题本 turn these into links.
type Links = { lessons?: string[]; problems?: string[] }

const FISCAL_BASICS = 'fiscal-budget-execution/budget-law-basics'
const FISCAL_SPENDING = 'fiscal-budget-execution/expenditure-and-procurement'
const FISCAL_FUNDS = 'fiscal-budget-execution/special-funds-performance'
const ER_SCOPE = 'economic-responsibility-audit/scope-and-content'
const ER_DECISIONS = 'economic-responsibility-audit/major-decisions'
const ER_RESPONSIBILITY = 'economic-responsibility-audit/defining-responsibility'
const FAI_PROCEDURES = 'fixed-asset-investment-audit/construction-procedures'
const FAI_EPC = 'fixed-asset-investment-audit/epc-projects'
const FAI_OLD_COMMUNITIES = 'fixed-asset-investment-audit/old-community-renovation'
const INTERNAL_CONTROL = 'combined-internal-audit-practice/internal-control'
const EIGHT_RULES = 'combined-internal-audit-practice/eight-rules-and-expenses'

const BY_TAG: Record<string, Links> = {
	预算执行: { lessons: [FISCAL_BASICS], problems: ['CZ-001'] },
	无预算支出: { lessons: [FISCAL_BASICS], problems: ['CZ-001'] },
	预算调整: { lessons: [FISCAL_BASICS] },
	预算批复: { lessons: [FISCAL_BASICS] },
	预算公开: { lessons: [FISCAL_BASICS] },
	四本预算: { lessons: [FISCAL_BASICS] },
	预备费: { lessons: [FISCAL_BASICS] },
	政府债务: { lessons: [FISCAL_BASICS] },
	虚列支出: { lessons: [FISCAL_SPENDING] },
	以拨代支: { lessons: [FISCAL_SPENDING] },
	结转结余: { lessons: [FISCAL_FUNDS] },
	专项资金: { lessons: [FISCAL_FUNDS], problems: ['CZ-003'] },
	绩效审计: { lessons: [FISCAL_FUNDS] },
	非税收入: { lessons: [FISCAL_SPENDING], problems: ['CZ-002'] },
	收入管理: { problems: ['CZ-002'] },
	坐支: { problems: ['CZ-002'] },
	国有资产: { problems: ['CZ-005'] },
	三公经费: { lessons: [EIGHT_RULES], problems: ['ZH-002'] },
	公务接待: { lessons: [EIGHT_RULES], problems: ['ZH-002'] },
	厉行节约: { lessons: [EIGHT_RULES] },
	审计内容: { lessons: [ER_SCOPE] },
	审计对象: { lessons: [ER_SCOPE] },
	审计方式: { lessons: [ER_SCOPE] },
	审计原则: { lessons: [ER_SCOPE] },
	结果运用: { lessons: [ER_SCOPE] },
	五审五评: { lessons: [ER_SCOPE] },
	重大经济决策: { lessons: [ER_DECISIONS], problems: ['JZ-001', 'JZ-002'] },
	责任界定: { lessons: [ER_RESPONSIBILITY] },
	直接责任: { lessons: [ER_RESPONSIBILITY] },
	领导责任: { lessons: [ER_RESPONSIBILITY] },
	三个区分开来: { lessons: [ER_RESPONSIBILITY] },
	对外担保: { problems: ['JZ-001'] },
	招标限额: { lessons: [FAI_PROCEDURES], problems: ['GT-001'] },
	规避招标: { lessons: [FAI_PROCEDURES], problems: ['GT-001'] },
	招标范围: { lessons: [FAI_PROCEDURES], problems: ['GT-001'] },
	概算控制: { lessons: [FAI_PROCEDURES], problems: ['GT-003'] },
	概算调整: { lessons: [FAI_PROCEDURES], problems: ['GT-003'] },
	垫资: { lessons: [FAI_PROCEDURES] },
	EPC: { lessons: [FAI_EPC] },
	违法分包: { lessons: [FAI_EPC], problems: ['GT-004'] },
	转包: { problems: ['GT-004'] },
	结算审计: { problems: ['GT-002'] },
	设计变更: { problems: ['GT-005'] },
	老旧小区改造: { lessons: [FAI_OLD_COMMUNITIES] },
	审计整改: { problems: ['JZ-003'] },
	内部审计: { lessons: [INTERNAL_CONTROL] },
}

export function studyLinksForTags(tags: readonly string[]) {
	const lessons = new Set<string>()
	const problems = new Set<string>()
	for (const tag of tags) {
		for (const lesson of BY_TAG[tag]?.lessons ?? []) lessons.add(lesson)
		for (const problem of BY_TAG[tag]?.problems ?? []) problems.add(problem)
	}
	return { lessonRefs: [...lessons], problemRefs: [...problems] }
}
