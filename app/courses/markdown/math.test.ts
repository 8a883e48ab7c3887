import type { Element, Root } from 'hast'
import rehypeSanitize from 'rehype-sanitize'
import { describe, expect, test } from 'vitest'
import { remarkLessonCallouts } from './callouts.ts'
import { MATH_SANITIZE_ALLOW, mathIssues, rehypeLessonMath, remarkCurrencyDollars } from './math.ts'
import { mergeSanitizeSettings } from './sanitize-settings.ts'
import { markdownToHast, markdownToMdast, TEST_SANITIZE_SCHEMA } from './test-fixtures.ts'

const SCHEMA = mergeSanitizeSettings(TEST_SANITIZE_SCHEMA, MATH_SANITIZE_ALLOW)

// The order ADR 015 asks for: sanitize first, KaTeX after it.
function render(markdown: string) {
	return markdownToHast(markdown, { remark: [remarkCurrencyDollars], rehype: [[rehypeSanitize, SCHEMA], rehypeLessonMath] })
}

function all(tree: Root | Element): Element[] {
	return tree.children.flatMap((child) => (child.type === 'element' ? [child, ...all(child)] : []))
}

function classesOf(element: Element) {
	return Array.isArray(element.properties.className) ? element.properties.className.map(String) : []
}

describe('formulas render on the server', () => {
	test('chemical equations with mhchem (\\ce) typeset instead of showing as an error', () => {
		const { html } = render('甲烷燃烧：$\\ce{CH4 + 2O2 -> CO2 + 2H2O}$')
		expect(html).toContain('class="katex"')
		expect(html).not.toContain('katex-error')
		// Without mhchem KaTeX shows \ce in its error colour; with it, CH₄ is set as upright letters and a subscript.
		expect(html).toContain('<mi mathvariant="normal">C</mi><mi mathvariant="normal">H</mi></mrow><msub>')
		expect(html).not.toContain('#b91c1c')
	})

	test('the present-value formula that MDX refused renders, MathML beside the drawing', () => {
		const { html } = render('现值 $\\frac{F\\times R}{(1+r)^t}$ 的计算。')
		expect(html).toContain('<mfrac><mrow><mi>F</mi><mo>×</mo><mi>R</mi></mrow><mrow><mo stretchy="false">(</mo><mn>1</mn><mo>+</mo><mi>r</mi><msup><mo stretchy="false">)</mo><mi>t</mi></msup></mrow></mfrac>')
		expect(html).toContain('<annotation encoding="application/x-tex">\\frac{F\\times R}{(1+r)^t}</annotation>')
		expect(html).toContain('<span class="katex-html" aria-hidden="true">')
		expect(html).not.toContain('$')
	})

	test('$\\frac{1}{2}ah$ stays one half times a times h (it once became \\frac12ah text)', () => {
		const { html } = render('三角形面积 $\\frac{1}{2}ah$。')
		expect(html).toContain('<mrow><mfrac><mn>1</mn><mn>2</mn></mfrac><mi>a</mi><mi>h</mi></mrow>')
		expect(html.replace(/<annotation[^]*?<\/annotation>/g, '')).not.toContain('\\frac')
	})

	test('a $$ block is display math; Chinese inside a formula is fine', () => {
		const { html, file } = render('$$\n\\sum_{i=1}^{n} x_i = 收入 - 成本\n$$')
		expect(html).toMatch(/^<span class="katex-display"><span class="katex"><span class="katex-mathml"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block">/)
		expect(html).toContain('<mtext>收入</mtext>')
		expect(file.messages).toEqual([])
	})
})

describe('hostile or broken input', () => {
	test('links, images, classes and styles from TeX commands are not made (trust: false)', () => {
		const { html } = render('$\\href{javascript:alert(1)}{点我}$ $\\url{javascript:alert(2)}$ $\\includegraphics{https://evil.example/x.png}$ $\\htmlStyle{position:fixed;inset:0}{x}$ $\\htmlClass{evil}{x}$ $\\htmlId{main}{x}$')
		const { tree } = render('$\\href{javascript:alert(1)}{点我}$ $\\htmlStyle{position:fixed}{x}$ $\\htmlId{main}{x}$')
		expect(all(tree).filter((element) => ['a', 'img'].includes(element.tagName))).toEqual([])
		expect(all(tree).some((element) => element.properties.href !== undefined || element.properties.id !== undefined)).toBe(false)
		expect(html).not.toMatch(/style="[^"]*(position|inset)/)
		expect(html).not.toContain('class="evil"')
	})

	test('sizes are capped (maxSize) and a macro bomb stops (maxExpand), shown as an error in Chinese', () => {
		expect(render('$\\rule{1000em}{1000em}$').html).toContain('border-right-width:10em;border-top-width:10em')
		const bomb = render('$\\def\\a{\\a\\a}\\a$')
		const error = all(bomb.tree).find((element) => classesOf(element).includes('katex-error'))
		expect(error?.properties.title).toBe('公式有误：宏展开次数过多（可能是自己调用自己的 \\def）')
		expect(error?.properties.style).toBe('color:#b91c1c')
	})

	test('a \\gdef in one lesson does not reach the next', () => {
		expect(render('$\\gdef\\total{X}\\total$').html).toContain('<mi>X</mi>')
		const next = render('$\\total$').html
		expect(next).not.toContain('<mi>X</mi>')
		expect(next).toContain('<mstyle mathcolor="#b91c1c"><mtext>\\total</mtext></mstyle>')
	})

	test('style attributes on the page come only from KaTeX, never from the lecturer', () => {
		const { tree } = render('<span style="position:fixed;inset:0">盖住页面</span> 和 $x^2$')
		const styled = all(tree).filter((element) => element.properties.style !== undefined)
		expect(styled.length).toBeGreaterThan(0)
		const katexRoots = all(tree).filter((element) => classesOf(element).includes('katex'))
		const insideKatex = new Set(katexRoots.flatMap((root) => all(root)))
		for (const element of styled) expect(insideKatex.has(element)).toBe(true)
	})
})

describe('messages', () => {
	test.each([
		['公式 $x^{2$ 写错了', 1, 4, '数学公式有误：缺少“}”；公式按原文显示'],
		['正文\n\n$$\n\\frac{1}{2}}\n$$', 3, 1, '数学公式有误：多了一个“}”；公式按原文显示'],
		['$\\foo{x}$', 1, 1, '数学公式有误：不认识的命令 \\foo；公式按原文显示'],
		['$x^2^3$', 1, 1, '数学公式有误：连续两个上标，请用花括号分组，如 x^{a^b}；公式按原文显示'],
	])('%j', (markdown, line, column, message) => {
		expect(mathIssues(markdownToMdast(markdown).tree)).toEqual([{ line, column, message, severity: 'warning' }])
	})

	test('good formulas give no issue', () => {
		expect(mathIssues(markdownToMdast('$a^2+b^2=c^2$ 与 $$\\int_0^1 x\\,dx$$').tree)).toEqual([])
	})
})

describe('dollars that are money', () => {
	test.each(['价格在 $5 到 $10 之间。', 'It costs $5, or $6 with tax.', 'From $3 to $4.50 each.'])('%s stays text', (sentence) => {
		const { html } = render(sentence)
		expect(html).not.toContain('katex')
		expect(html).toBe(`<p>${sentence}</p>`)
	})

	test.each(['$x$', '$ x = 1 $', '$10$', '$2 \\times 3$ 元'])('%s stays math', (sentence) => {
		expect(render(sentence).html).toContain('class="katex"')
	})
})

test('after remarkLessonCallouts (the order ADR 015 asks for), money inside a callout read from source stays text too', () => {
	const source = '- 列表\n\n  !!! note "价格"\n      价格在 $5 到 $10 之间，公式 $x$。\n\n::: tip 钱\n从 $3 到 $4.50。\n:::'
	const { html } = markdownToHast(source, { remark: [remarkLessonCallouts, remarkCurrencyDollars] })
	expect(html).toContain('<x-callout type="提示" title="价格"><p>价格在 $5 到 $10 之间，公式 <code class="language-math math-inline">x</code>。</p></x-callout>')
	expect(html).toContain('<x-callout type="提示" title="钱"><p>从 $3 到 $4.50。</p></x-callout>')
})
