// remark-cjk-friendly: CommonMark will not close `*…*` or `**…**` when the delimiter touches
// full-width punctuation on the inside and a Chinese character on the outside, so lecture notes
// showed their asterisks (`*（收入类账户）*`). The lesson's parser extensions fix that.
import { toHtml } from 'hast-util-to-html'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { describe, expect, test } from 'vitest'
import { markdownToHast } from './test-fixtures.ts'

const CASES: Array<[string, string]> = [
	['借方登记*（收入类账户）*的增加。', '<p>借方登记<em>（收入类账户）</em>的增加。</p>'],
	['借方登记 *（收入类账户）* 的增加。', '<p>借方登记 <em>（收入类账户）</em> 的增加。</p>'],
	['**（一）预算收入**包括税收收入。', '<p><strong>（一）预算收入</strong>包括税收收入。</p>'],
	['这是**“三重一大”**事项。', '<p>这是<strong>“三重一大”</strong>事项。</p>'],
	['这是 **“三重一大”** 事项。', '<p>这是 <strong>“三重一大”</strong> 事项。</p>'],
	['**注意：**本条自公布之日起施行。', '<p><strong>注意：</strong>本条自公布之日起施行。</p>'],
	['《预算法》**第十三条。**未列入预算的不得支出。', '<p>《预算法》<strong>第十三条。</strong>未列入预算的不得支出。</p>'],
	['***【重点】***须掌握。', '<p><em><strong>【重点】</strong></em>须掌握。</p>'],
	['普通的*强调*和**加粗**不受影响。', '<p>普通的<em>强调</em>和<strong>加粗</strong>不受影响。</p>'],
	['乘号 2*3*4 在英文里照旧：a*b*c。', '<p>乘号 2<em>3</em>4 在英文里照旧：a<em>b</em>c。</p>'],
]

describe('emphasis beside full-width punctuation', () => {
	test.each(CASES)('%s', (markdown, html) => {
		expect(markdownToHast(markdown).html).toBe(html)
	})
})

test('without remark-cjk-friendly the same text keeps its asterisks (why the plugin is in the pipeline)', () => {
	const plain = unified().use(remarkParse).use(remarkRehype)
	const html = (markdown: string) => toHtml(plain.runSync(plain.parse(markdown)) as Parameters<typeof toHtml>[0])
	expect(html('借方登记*（收入类账户）*的增加。')).toBe('<p>借方登记*（收入类账户）*的增加。</p>')
	expect(html('**注意：**本条自公布之日起施行。')).toBe('<p>**注意：**本条自公布之日起施行。</p>')
})
