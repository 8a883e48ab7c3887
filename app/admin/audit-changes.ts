// What an audit entry changed, field by field, in Chinese (issue 11 item 7). The log stores
// `before` and `after` as canonical JSON (app/utils/audit-log.server.ts) so its hash chain can
// be recomputed; this module only reads them for people. Isomorphic: no server imports.
import { formatDateTime } from '#app/utils/misc.ts'
import { ROLE_LABELS } from '#app/utils/roles.ts'
import { UNIT_KIND_LABELS } from './unit-kinds.ts'

/** Chinese names of the fields audited entries carry. A nested field is named by its path. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
	// people and units
	username: '工号',
	name: '名称',
	unitId: '单位编号',
	unit: '单位',
	roles: '身份',
	phone: '手机号',
	active: '在用',
	kind: '类型',
	parentId: '上级单位编号',
	parent: '上级单位',
	path: '单位路径',
	units: '单位',
	users: '人员',
	mustChangePassword: '须修改初始密码',
	sessions: '登录会话数',
	fileName: '文件名',
	filter: '筛选条件',
	filters: '筛选条件',
	format: '格式',
	rows: '行数',
	count: '数量',
	// courses and lessons
	status: '状态',
	courses: '课程',
	lessons: '课时',
	created: '新增',
	updated: '更新',
	archived: '下架/归档',
	errors: '出错文件数',
	publishedVersionId: '发布版本编号',
	version: '版本',
	// question bank
	questionIds: '题目编号',
	questionId: '题目编号',
	mode: '导入方式',
	imported: '导入题数',
	skippedRows: '跳过行数',
	answerKey: '答案',
	reason: '原因',
	differences: '得分变化',
	attemptId: '答卷编号',
	totalBefore: '原总分',
	totalAfter: '新总分',
	// rounds and seasons
	year: '年度',
	rounds: '轮次',
	position: '序号',
	topic: '专题',
	title: '标题',
	opensAt: '开始时间',
	closesAt: '截止时间',
	reviewOpensAt: '复盘开放时间',
	scoreRelease: '成绩公布方式',
	marksRelease: '逐题得分公布方式',
	timeLimitMinutes: '限时（分钟）',
	attemptsAllowed: '可作答次数',
	shuffleQuestions: '题目乱序',
	shuffleOptions: '选项乱序',
	multipleChoicePolicy: '多选题计分',
	partialCreditRatio: '少选得分比例',
	fillBlankOrderInsensitive: '填空不计顺序',
	drawRules: '抽题规则',
	eligibility: '参加范围',
	rules: '抽题规则',
	publicKeyWarnings: '答案已公开的提醒',
	userId: '人员编号',
	extraMinutes: '延长（分钟）',
	note: '备注',
	difficulty: '难度',
	type: '题型',
	pointsEach: '每题分值',
	value: '值',
	// grading
	score: '得分',
	comment: '评语',
	markerNo: '评次',
	stage: '评分阶段',
	attemptScore: '答卷总分',
	// mentorship
	apprenticeId: '徒弟编号',
	mentorId: '导师编号',
	startsOn: '开始日期',
	endsOn: '结束日期',
	partyGoals: '党建目标',
	businessGoals: '业务目标',
	dueAt: '截止时间',
	partyRating: '党建评价',
	partyComment: '党建评语',
	businessRating: '业务评价',
	businessComment: '业务评语',
	comments: '评语',
	// rankings and appeals
	scope: '范围',
	scopeId: '范围编号',
	contentHash: '内容哈希',
	minUnitSize: '单位最少应参加人数',
	reply: '答复',
	attemptQuestionId: '答卷题目编号',
	scoreAtFiling: '申诉时得分',
}

/** Stored code values that have a Chinese name a person would recognise. */
const VALUE_LABELS: Record<string, string> = {
	...ROLE_LABELS,
	draft: '草稿',
	published: '已发布',
	archived: '已下架',
	active: '在用',
	retired: '停用',
	open: '待处理',
	accepted: '已采纳',
	rejected: '未采纳',
	round: '轮次',
	season: '赛季',
	...UNIT_KIND_LABELS,
}

export type AuditChange = { field: string; label: string; before: string; after: string }

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const ABSENT = '（无）'

function labelOf(path: string) {
	const last = path.split('.').at(-1)!
	return AUDIT_FIELD_LABELS[path] ?? AUDIT_FIELD_LABELS[last] ?? last
}

/** One value as a person reads it: 是/否, dates in the app's one format, codes in Chinese. */
export function formatAuditValue(value: unknown, valueLabels: Record<string, string> = {}): string {
	if (value === null || value === undefined) return ABSENT
	if (typeof value === 'boolean') return value ? '是' : '否'
	if (typeof value === 'number') return String(value)
	if (typeof value === 'string') {
		if (ISO_DATE.test(value)) return formatDateTime(value)
		return valueLabels[value] ?? VALUE_LABELS[value] ?? (value === '' ? ABSENT : value)
	}
	if (Array.isArray(value)) {
		if (value.length === 0) return ABSENT
		return value
			.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? `（${describeObject(item as Record<string, unknown>, valueLabels)}）` : formatAuditValue(item, valueLabels)))
			.join('、')
	}
	return describeObject(value as Record<string, unknown>, valueLabels)
}

function describeObject(object: Record<string, unknown>, valueLabels: Record<string, string>) {
	const parts = Object.entries(object).map(([key, inner]) => `${labelOf(key)}：${formatAuditValue(inner, valueLabels)}`)
	return parts.length ? parts.join('；') : ABSENT
}

function parse(text: string | null): unknown {
	if (text === null) return undefined
	try {
		return JSON.parse(text)
	} catch {
		return text
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Flattens nested objects into dotted paths; arrays and values stay whole. */
function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()) {
	if (isPlainObject(value) && (prefix === '' || Object.keys(value).length > 0)) {
		for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into)
	} else if (prefix !== '') into.set(prefix, value)
	return into
}

/**
 * The fields an entry records, each with its value before and after. Fields present on one
 * side only are listed with （无） on the other; when both sides are given, fields that did
 * not change are left out. A side that is not JSON is shown as its text. `valueLabels` names
 * codes of other areas (question types…), which this module does not import.
 */
export function auditChanges(beforeText: string | null, afterText: string | null, valueLabels: Record<string, string> = {}): AuditChange[] {
	const before = parse(beforeText)
	const after = parse(afterText)
	if (before !== undefined && !isPlainObject(before)) return [{ field: '', label: '内容', before: formatAuditValue(before, valueLabels), after: formatAuditValue(after, valueLabels) }]
	if (after !== undefined && !isPlainObject(after)) return [{ field: '', label: '内容', before: formatAuditValue(before, valueLabels), after: formatAuditValue(after, valueLabels) }]
	const beforeFields = flatten(before)
	const afterFields = flatten(after)
	const both = before !== undefined && after !== undefined
	const fields = [...new Set([...beforeFields.keys(), ...afterFields.keys()])]
	const changes: AuditChange[] = []
	for (const field of fields) {
		const was = beforeFields.get(field)
		const now = afterFields.get(field)
		if (both && JSON.stringify(was) === JSON.stringify(now)) continue
		changes.push({ field, label: field.split('.').map(labelOf).join(' · '), before: formatAuditValue(was, valueLabels), after: formatAuditValue(now, valueLabels) })
	}
	return changes
}

const TARGET_TYPE_LABELS: Record<string, string> = {
	User: '人员',
	Unit: '单位',
	Season: '赛季',
	Round: '考试',
	Attempt: '答卷',
	AttemptQuestion: '答卷题目',
	Question: '题目',
	QuestionVersion: '题目版本',
	QuestionBank: '题库',
	Pairing: '导师带徒结对',
	CourseAssignment: '指定学习',
	course: '课程',
	Course: '课程',
	lesson: '课时',
	Lesson: '课时',
	RankingSnapshot: '排行榜',
	RankingSetting: '排行榜设置',
	Appeal: '成绩申诉',
	AuditLog: '审计日志',
}

/** What kind of record an entry is about, in Chinese. */
export function auditTargetLabel(targetType: string) {
	return TARGET_TYPE_LABELS[targetType] ?? targetType
}
