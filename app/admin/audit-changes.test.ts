// The audit log reads in Chinese (issue 11 item 7): every action the code writes has a name,
// and an entry's before/after show as labelled field-by-field differences, not JSON.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { projectRoot } from '#tests/cli.ts'
import { AUDIT_ACTION_LABELS } from './audit-actions.ts'
import { AUDIT_FIELD_LABELS, auditChanges, auditTargetLabel, formatAuditValue } from './audit-changes.ts'

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name)
		if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full)
		return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
	})
}

/** Every dotted code on a line that names an audit action (`action: 'x.y'`, ternaries, tables of actions). */
function writtenActions() {
	const found = new Set<string>()
	for (const file of sourceFiles(path.join(projectRoot, 'app'))) {
		for (const line of readFileSync(file, 'utf8').split('\n')) {
			if (!/\baction: /.test(line) || /formAction|method:/.test(line)) continue
			for (const match of line.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(match[1]!)
		}
	}
	return [...found]
}

describe('audit actions', () => {
	test('every action the code writes has a Chinese name', () => {
		const actions = writtenActions()
		// The scan really finds the app's actions (a broken scan must not pass by finding none).
		expect(actions).toEqual(expect.arrayContaining(['user.create', 'round.publish', 'course.publish', 'grading.mark.create', 'ranking.publish']))
		expect(actions.filter((action) => !AUDIT_ACTION_LABELS[action])).toEqual([])
		for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).toMatch(/[\u4e00-\u9fff]/)
	})
})

describe('auditChanges', () => {
	test('an update lists only the fields that changed, with Chinese labels and readable values', () => {
		const before = JSON.stringify({ username: 's0001', name: '王敏', unit: '区审计局/财政审计科', roles: ['learner'], phone: null, active: true })
		const after = JSON.stringify({ username: 's0001', name: '王敏', unit: '区审计局/经责审计科', roles: ['learner', 'mentor'], phone: '13800000000', active: false })
		expect(auditChanges(before, after)).toEqual([
			{ field: 'unit', label: '单位', before: '区审计局/财政审计科', after: '区审计局/经责审计科' },
			{ field: 'roles', label: '身份', before: '学员', after: '学员、导师' },
			{ field: 'phone', label: '手机号', before: '（无）', after: '13800000000' },
			{ field: 'active', label: '在用', before: '是', after: '否' },
		])
	})

	test('a record with no before lists every field it holds; dates read as 2026-12-01 14:30', () => {
		const after = JSON.stringify({ reviewOpensAt: '2026-12-01T06:30:00.000Z', status: 'published' })
		expect(auditChanges(null, after)).toEqual([
			{ field: 'reviewOpensAt', label: '复盘开放时间', before: '（无）', after: '2026-12-01 14:30' },
			{ field: 'status', label: '状态', before: '（无）', after: '已发布' },
		])
	})

	test('nested objects are named by their path; lists of objects are described item by item', () => {
		const after = JSON.stringify({ courses: { created: 2, updated: 0 }, drawRules: [{ topic: '财政', type: 'single', count: 5, pointsEach: 1 }] })
		const changes = auditChanges(null, after, { single: '单选题' })
		expect(changes.map((c) => c.label)).toEqual(['课程 · 新增', '课程 · 更新', '抽题规则'])
		expect(changes[2]!.after).toBe('（专题：财政；题型：单选题；数量：5；每题分值：1）')
	})

	test('text that is not JSON is shown as it is', () => {
		expect(auditChanges(null, 'plain text')).toEqual([{ field: '', label: '内容', before: '（无）', after: 'plain text' }])
	})

	test('values: booleans, empty lists and unit kinds in Chinese; unknown codes as they are', () => {
		expect(formatAuditValue(true)).toBe('是')
		expect(formatAuditValue([])).toBe('（无）')
		expect(formatAuditValue('soe')).toBe('国企')
		expect(formatAuditValue('something-new')).toBe('something-new')
		expect(auditTargetLabel('RankingSnapshot')).toBe('排行榜')
	})

	test('every field label is Chinese', () => {
		for (const [field, label] of Object.entries(AUDIT_FIELD_LABELS)) expect(label, field).toMatch(/[\u4e00-\u9fff]/)
	})
})
