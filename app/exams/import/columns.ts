// The bank spreadsheet's columns (import, export and template share them) and the Chinese
// words accepted for types, topics and statuses. Isomorphic: the import page lists them.
import { OPTION_KEYS, QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS, type QuestionStatus, type QuestionType } from '#app/exams/bank/question-types.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'

export const OPTION_COLUMNS = OPTION_KEYS.map((key) => `选项${key}` as const)

/** In the order the template and export write them. The first six are required. */
export const BANK_COLUMNS = [
	'题型',
	'专题',
	'难度',
	'分值',
	'题干',
	...OPTION_COLUMNS,
	'答案',
	'解析',
	'标签',
	'法规依据',
	'关联课程',
	'关联问题',
	'评分要点',
	'状态',
] as const
export type BankColumn = (typeof BANK_COLUMNS)[number]

export const REQUIRED_COLUMNS: BankColumn[] = ['题型', '专题', '难度', '分值', '题干', '答案']

/** Header text as typed by people: spaces and full-width letters are common (“选项 Ａ”). */
export function canonicalHeader(header: string): BankColumn | null {
	const folded = header.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
	const column = BANK_COLUMNS.find((c) => c === folded)
	return column ?? null
}

function fold(text: string) {
	return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

const TYPE_WORDS: Record<string, QuestionType> = {
	单选: 'single',
	单选题: 'single',
	单项选择: 'single',
	单项选择题: 'single',
	多选: 'multiple',
	多选题: 'multiple',
	多项选择: 'multiple',
	多项选择题: 'multiple',
	判断: 'true_false',
	判断题: 'true_false',
	填空: 'fill_blank',
	填空题: 'fill_blank',
	简答: 'short_answer',
	简答题: 'short_answer',
	案例: 'case_analysis',
	案例题: 'case_analysis',
	案例分析: 'case_analysis',
	案例分析题: 'case_analysis',
	// English, as other systems and bureaus' own sheets write them (folded: lower case, no spaces).
	single: 'single',
	singlechoice: 'single',
	multiple: 'multiple',
	multiplechoice: 'multiple',
	multichoice: 'multiple',
	truefalse: 'true_false',
	'true/false': 'true_false',
	judge: 'true_false',
	fillblank: 'fill_blank',
	fill_blank: 'fill_blank',
	blank: 'fill_blank',
	shortanswer: 'short_answer',
	short_answer: 'short_answer',
	essay: 'short_answer',
	case: 'case_analysis',
	caseanalysis: 'case_analysis',
	case_analysis: 'case_analysis',
}

const TOPIC_WORDS: Record<string, Topic> = {
	财政: 'fiscal',
	财政审计: 'fiscal',
	经责: 'economic_responsibility',
	经济责任: 'economic_responsibility',
	经济责任审计: 'economic_responsibility',
	固投: 'fixed_asset_investment',
	固定资产投资: 'fixed_asset_investment',
	固定资产投资审计: 'fixed_asset_investment',
	投资审计: 'fixed_asset_investment',
	综合: 'combined',
	大数据: 'big_data',
	大数据审计: 'big_data',
	党建与廉政: 'party_integrity',
	党建廉政: 'party_integrity',
	通用: 'general',
}

const STATUS_WORDS: Record<string, QuestionStatus> = {
	草稿: 'draft',
	启用: 'active',
	停用: 'retired',
	draft: 'draft',
	active: 'active',
	retired: 'retired',
}

export function parseTypeWord(text: string): QuestionType | null {
	const word = fold(text)
	return TYPE_WORDS[word] ?? (Object.keys(QUESTION_TYPE_LABELS).includes(word) ? (word as QuestionType) : null)
}

export function parseTopicWord(text: string): Topic | null {
	const word = fold(text)
	return TOPIC_WORDS[word] ?? (Object.keys(TOPIC_LABELS).includes(word) ? (word as Topic) : null)
}

export function parseStatusWord(text: string): QuestionStatus | null {
	return STATUS_WORDS[fold(text)] ?? null
}

export const ACCEPTED_TYPE_TEXT = Object.values(QUESTION_TYPE_LABELS).join('、')
export const ACCEPTED_TOPIC_TEXT = Object.values(TOPIC_LABELS).join('、')
export const ACCEPTED_STATUS_TEXT = Object.values(QUESTION_STATUS_LABELS).join('、')
