import { describe, expect, test } from 'vitest'
import { diffLessonSources, type DiffRow, foldUnchanged } from './lesson-diff.ts'

/** A row as `kind left-number:text | right-number:text`, easy to read in a failure. */
function row(r: DiffRow) {
	const side = (s: DiffRow['left']) => (s ? `${s.number}:${s.text}` : '-')
	return `${r.kind} ${side(r.left)} | ${side(r.right)}`
}

/** A lesson of `count` lines in the shape lecturers write: headings, paragraphs, lists, tables. */
function longLesson(count: number, variant = 0) {
	return Array.from({ length: count }, (_, index) => {
		if (index % 50 === 0) return `## 第${index / 50 + 1}节 预算执行审计`
		if (index % 7 === 0) return ''
		if (index % 11 === 0) return `| 科目${index} | 金额 | ${variant && index % 33 === 0 ? '调整后' : '说明'} |`
		return `${index % 5 === 0 ? '- ' : ''}第${index}行：审计人员应当核实预算编制的完整性${variant && index % 97 === 0 ? '和调整的合规性' : ''}。`
	}).join('\n')
}

describe('lesson version diff', () => {
	test('a changed line sits beside the line it replaced; added and removed lines leave a gap on the other side', () => {
		const before = '---\ntitle: 预算调整\n---\n\n第一段\n第二段\n第三段\n结尾\n'
		const after = '---\ntitle: 预算调整与调剂\n---\n\n第一段\n第二段（修订）\n新增一段\n新增两段\n结尾\n附录\n'
		const diff = diffLessonSources(before, after)
		expect(diff.rows.map(row)).toEqual([
			'same 1:--- | 1:---',
			'changed 2:title: 预算调整 | 2:title: 预算调整与调剂',
			'same 3:--- | 3:---',
			'same 4: | 4:',
			'same 5:第一段 | 5:第一段',
			'changed 6:第二段 | 6:第二段（修订）',
			'changed 7:第三段 | 7:新增一段',
			'added - | 8:新增两段',
			'same 8:结尾 | 9:结尾',
			'added - | 10:附录',
		])
		expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual({ added: 2, removed: 0, changed: 3 })
		expect(diff.rows[5]!.right!.segments).toEqual([
			{ text: '第二段', changed: false },
			{ text: '（修订）', changed: true },
		])
		expect(diff.rows[5]!.left!.segments).toEqual([{ text: '第二段', changed: false }])
	})

	test('removed lines, identical texts and line endings', () => {
		expect(diffLessonSources('甲\n乙\n丙', '甲\n丙').rows.map(row)).toEqual(['same 1:甲 | 1:甲', 'removed 2:乙 | -', 'same 3:丙 | 2:丙'])
		const same = diffLessonSources('甲\r\n乙\r\n', '甲\n乙')
		expect(same.rows.map(row)).toEqual(['same 1:甲 | 1:甲', 'same 2:乙 | 2:乙'])
		expect(same.added + same.removed + same.changed).toBe(0)
	})

	test('long unchanged stretches fold to three lines of context around each change', () => {
		const before = Array.from({ length: 30 }, (_, i) => `第${i + 1}行`).join('\n')
		const after = before.replace('第15行', '第15行（改）')
		const folded = foldUnchanged(diffLessonSources(before, after).rows)
		expect(folded.map((r) => (r.kind === 'skipped' ? `skipped ${r.count} from ${r.leftFrom}/${r.rightFrom}` : row(r)))).toEqual([
			'skipped 11 from 1/1',
			'same 12:第12行 | 12:第12行',
			'same 13:第13行 | 13:第13行',
			'same 14:第14行 | 14:第14行',
			'changed 15:第15行 | 15:第15行（改）',
			'same 16:第16行 | 16:第16行',
			'same 17:第17行 | 17:第17行',
			'same 18:第18行 | 18:第18行',
			'skipped 12 from 19/19',
		])
		// One unchanged line between two kept stretches is shown, not folded.
		expect(foldUnchanged(diffLessonSources('a\nb\nc\nd\ne\nf\ng\nh\ni', 'A\nb\nc\nd\ne\nf\ng\nh\nI').rows).some((r) => r.kind === 'skipped')).toBe(false)
	})

	test('a 2,000-line lesson diffs in well under a second, and so do two unrelated texts', () => {
		const before = longLesson(2_000)
		const after = longLesson(2_000, 1)
		const started = performance.now()
		const diff = diffLessonSources(before, after)
		const took = performance.now() - started
		expect(diff.rows.filter((r) => r.kind === 'same').length).toBeGreaterThan(1_900)
		expect(diff.changed).toBeGreaterThan(20)
		expect(diff.rows.at(-1)!.left!.number).toBe(2_000)

		const unrelatedStart = performance.now()
		const unrelated = diffLessonSources(before, before.replace(/审计/g, '核查').replace(/第/g, '#'))
		const unrelatedTook = performance.now() - unrelatedStart
		expect(unrelated.rows.length).toBeGreaterThanOrEqual(2_000)
		// A limit generous enough for a busy 2-core machine; a quiet one takes a few tens of ms.
		console.info(`diff of 2,000 lines: ${took.toFixed(0)} ms; two unrelated 2,000-line texts: ${unrelatedTook.toFixed(0)} ms`)
		expect(took).toBeLessThan(1_000)
		expect(unrelatedTook).toBeLessThan(1_000)
	})
})
