import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import type { QuestionContent } from '#app/exams/bank/question-types.ts'
import type { BankColumn } from './columns.ts'
import { parseGift } from './gift.ts'
import { htmlToText } from './html-text.ts'
import { categoryToTopic, clozeToBlanks } from './moodle-common.ts'
import { escapeGift, toGift, toMoodleXml } from './moodle-export.ts'
import { parseMoodleXml } from './moodle-xml.ts'
import { parseBankRow } from './parse-row.ts'

const DEFAULTS = { topic: '综合', difficulty: '3', points: '1' }
const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/bank-import/${name}`, import.meta.url), 'utf8')

function content(cells: Partial<Record<BankColumn, string>>): QuestionContent {
	const parsed = parseBankRow(cells)
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
	return parsed.content
}

/** Every type, with the characters each format must escape: XML's & < > ]]>, GIFT's ~ = # { } : and \. */
const SPECIAL = '“引号” & <标签> ]]> ~ = # { } : \\ 100%'
const CONTENTS: QuestionContent[] = [
	content({ 题型: '单选', 专题: '财政', 难度: '1', 分值: '1', 题干: `单选 ${SPECIAL}（ ）\n第二行`, 选项A: `甲 ${SPECIAL}`, 选项B: '乙', 选项C: '丙', 答案: 'B', 解析: `解析 ${SPECIAL}`, 标签: '三公经费、预算' }),
	content({ 题型: '多选', 专题: '经责', 难度: '4', 分值: '2.5', 题干: '多选（ ）', 选项A: '甲', 选项B: '乙', 选项C: '丙', 选项D: '丁', 答案: 'ABD', 法规依据: '《中华人民共和国审计法》第二十二条（生效：2022-01-01）' }),
	content({ 题型: '多选', 专题: '经责', 难度: '2', 分值: '2', 题干: '全选的多选（ ）', 选项A: '甲', 选项B: '乙', 答案: 'AB' }),
	content({ 题型: '判断', 专题: '固投', 难度: '2', 分值: '1', 题干: `判断 ${SPECIAL}`, 答案: '错', 关联课程: 'lesson-1', 关联问题: 'problem-2' }),
	content({ 题型: '判断', 专题: '固投', 难度: '2', 分值: '1', 题干: '判断为真', 答案: '对' }),
	content({ 题型: '填空', 专题: '综合', 难度: '3', 分值: '2', 题干: `填空 ${SPECIAL} ____ 年`, 答案: '2021|二〇二一|x=1' }),
	content({ 题型: '填空', 专题: '综合', 难度: '3', 分值: '2', 题干: '两空：____和____。', 答案: `适当性；充分性|充分` }),
	content({ 题型: '简答', 专题: '大数据审计', 难度: '5', 分值: '10', 题干: `简答 ${SPECIAL}`, 答案: `参考答案 ${SPECIAL}\n第二点`, 评分要点: '要点一 5 分；要点二 5 分', 解析: '解析' }),
	content({ 题型: '案例分析', 专题: '党建与廉政', 难度: '5', 分值: '20', 题干: '案例：某项目……', 答案: '参考答案' }),
]

function backToContents(parsed: ReturnType<typeof parseMoodleXml>) {
	expect(parsed.notUnderstood).toEqual([])
	return parsed.rows.map((row) => content(row.cells))
}

describe('Moodle XML and GIFT', () => {
	test('Moodle XML export then import gives every question back, special characters included', () => {
		const xml = toMoodleXml(CONTENTS)
		// Text is HTML-escaped inside CDATA, so neither a tag nor a CDATA end from the text reaches the XML.
		expect(xml).not.toContain('<标签>')
		expect(xml).toContain('&lt;标签&gt; ]]&gt;')
		const back = backToContents(parseMoodleXml(xml, DEFAULTS))
		// Export groups by topic; compare as sets of the same questions.
		const key = (c: QuestionContent) => c.stem
		expect([...back].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...CONTENTS].sort((a, b) => key(a).localeCompare(key(b))))
	})

	test('GIFT export then import gives every question back, except multi-blank fill-ins it lists as left out', () => {
		const gift = toGift(CONTENTS)
		expect(gift.skipped).toBe(1)
		expect(gift.text).toContain('有 1 道多空填空题未导出')
		const back = backToContents(parseGift(gift.text, DEFAULTS))
		const expected = CONTENTS.filter((c) => !(c.type === 'fill_blank' && c.answerKey.length > 1))
		const key = (c: QuestionContent) => c.stem
		expect([...back].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expected].sort((a, b) => key(a).localeCompare(key(b))))
	})

	test('escaping: GIFT special characters and line breaks', () => {
		expect(escapeGift('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni')
	})

	test('the Moodle XML fixture: supported types read, every unsupported kind listed with its reason', () => {
		const parsed = parseMoodleXml(fixture('moodle.xml'), DEFAULTS)
		expect(parsed.rows.map((row) => [row.rowNumber, row.cells.题型, row.cells.答案, row.cells.专题])).toEqual([
			[1, '单选', 'A', '财政'],
			[2, '多选', 'AB', '财政'],
			[4, '判断', '错误', '财政'],
			[5, '填空', '2021|二〇二一', '综合'],
			[6, '填空', '适当性；充分性|充分', '综合'],
			[7, '简答', '核实资金拨付与实际使用情况；\n定性为虚列支出；责令调整账目。', '综合'],
		])
		expect(parsed.rows[0]!.cells.题干).toBe('部门预算执行审计中，对“三公”经费支出的审计重点是（ ）。\n注意：A & B 的区别')
		expect(parsed.rows[0]!.cells.标签).toBe('三公经费')
		expect(parsed.rows[3]!.cells.标签).toBe('审计法规')
		expect(parsed.notUnderstood.map((q) => q.label)).toEqual(['第3题「权重不等的多选」', '第8题「匹配」', '第9题「数值」', '第10题「含选择的完形填空」', '第11题「计算」', '第12题「拖放填词」', '第13题「说明」'])
		expect(parsed.notUnderstood[0]!.reason).toContain('70%、30%')
		expect(parsed.warnings[0]).toContain('1 张图片未导入')
		for (const row of parsed.rows) expect(parseBankRow(row.cells).ok).toBe(true)
	})

	test('the GIFT fixture: supported types read, unsupported kinds and a broken question listed', () => {
		const parsed = parseGift(fixture('questions.gift'), DEFAULTS)
		expect(parsed.rows.map((row) => [row.cells.题型, row.cells.答案])).toEqual([
			['单选', 'A'],
			['多选', 'AB'],
			['判断', '错误'],
			['填空', '2021|二〇二一'],
			['填空', '重点'],
			['简答', '核实资金拨付与实际使用情况；定性为虚列支出；责令调整账目。'],
		])
		expect(parsed.rows[4]!.cells.题干).toBe('审计发现问题金额占比 = 问题金额 / 抽查金额，记作 {比例}，用 # 号标注____。')
		expect(parsed.notUnderstood.map((q) => q.label)).toEqual(['第3题「权重不等」', '第8题「匹配」', '第9题「数值」', '第10题「说明」', '第11题「写错了」（第 41 行）'])
		for (const row of parsed.rows) expect(parseBankRow(row.cells).ok).toBe(true)
	})

	test('fractions: a single choice with a partial option and a multiple choice with unequal shares are refused, penalties dropped', () => {
		const xml = (single: boolean, fractions: number[]) =>
			`<quiz><question type="multichoice"><name><text>q</text></name><questiontext format="html"><text>题（ ）</text></questiontext><single>${single}</single>${fractions.map((f, i) => `<answer fraction="${f}"><text>选项${i}</text></answer>`).join('')}</question></quiz>`
		expect(parseMoodleXml(xml(true, [100, 50, 0]), DEFAULTS).notUnderstood[0]!.reason).toContain('单选题有 2 个得分选项')
		expect(parseMoodleXml(xml(false, [33.33333, 33.33333, 33.33333, -100]), DEFAULTS).rows[0]!.cells.答案).toBe('ABC')
		expect(parseMoodleXml(xml(false, [60, 40, -100]), DEFAULTS).notUnderstood[0]!.reason).toContain('60%、40%')
		expect(parseMoodleXml(xml(false, [100, 0, 0]), DEFAULTS).rows[0]!.cells.题型).toBe('单选')
		expect(parseMoodleXml('<quiz><oops></quiz>', DEFAULTS).warnings[0]).toContain('不是有效的 Moodle XML')
	})

	test('categories name a topic when a part matches one, else become a tag; cloze short-answer gaps are blanks', () => {
		expect(categoryToTopic('$course$/top/审计业务/经济责任审计')).toEqual({ topic: '经责', tag: null })
		expect(categoryToTopic('$course$/top/默认 for 课程/审计法规')).toEqual({ topic: null, tag: '审计法规' })
		expect(clozeToBlanks('甲{1:SA:=乙~%50%丙~=丁#对}戊{:SHORTANSWER:=a\\}b}')).toEqual({ stem: '甲____戊____', blanks: [['乙', '丁'], ['a}b']] })
		expect(clozeToBlanks('{1:MC:=甲~乙}')).toHaveProperty('error')
	})

	test('HTML becomes plain text: tags dropped, scripts removed, entities decoded, images noted', () => {
		expect(htmlToText('<p>甲&nbsp;&lt;乙&gt;<script>alert(1)</script><b>丙</b><br/>丁<img src=x onerror=alert(1)></p>')).toEqual({ text: '甲 <乙>丙\n丁［图片未导入］', images: 1 })
	})
})
