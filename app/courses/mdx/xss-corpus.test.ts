// Lesson Markdown is untrusted. Each payload below is either refused by the gate (and, should the
// gate ever be skipped, by the compiler's own check), or it compiles into a bundle that,
// rendered with the real components, carries no script, no event handler and no script URL
// — and nothing in it ran while compiling or rendering.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LessonContent } from '#app/components/mdx/lesson-content.tsx'
import type { LessonRuntime } from '#app/components/mdx/lesson-runtime.tsx'
import { compileLessonBody } from './compile.server.ts'
import { checkLessonSource } from './lesson-workers.server.ts'
import { splitLessonSource } from './frontmatter.ts'
import { checkUrl } from './safe-url.ts'

const FRONTMATTER = '---\ntitle: 安全测试\nestimatedMinutes: 1\n---\n'
const SENTINEL = '__lessonXss'
const RUN = `globalThis.${SENTINEL}=1`

const BODY_PAYLOADS: string[] = [
	`<script>${RUN}</script>`,
	`<SCRIPT>${RUN}</SCRIPT>`,
	`<img src="x" onError="${RUN}" />`,
	`<svg onLoad="${RUN}" />`,
	`<iframe src="javascript:${RUN}"></iframe>`,
	`<style>{"*{background:url(javascript:alert(1))}"}</style>`,
	`<object data="javascript:${RUN}"></object>`,
	`<embed src="javascript:${RUN}" />`,
	`<form action="javascript:${RUN}"><button>提交</button></form>`,
	`<meta httpEquiv="refresh" content="0;url=javascript:${RUN}" />`,
	`<link rel="stylesheet" href="data:text/css,*{}" />`,
	`<base href="javascript:${RUN}//" />`,
	`<a href="javascript:${RUN}">点我</a>`,
	`[点我](javascript:${RUN})`,
	`[点我](JaVaScRiPt:alert(1))`,
	`[点我](&#106;avascript:alert(1))`,
	`[点我](java&#x09;script:alert(1))`,
	`[点我](vbscript:msgbox(1))`,
	`![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`,
	`[点我][ref]\n\n[ref]: javascript:${RUN}`,
	`<Callout onMouseOver="${RUN}">内容</Callout>`,
	`<Callout {...{ dangerouslySetInnerHTML: { __html: '<img src=x onerror=alert(1)>' } }}>内容</Callout>`,
	`<Callout dangerouslySetInnerHTML={{ __html: "<script>alert(1)</script>" }} />`,
	`<Callout title={${RUN}}>内容</Callout>`,
	`<Callout title="标题" className="x">内容</Callout>`,
	`{${RUN}}`,
	`{(() => { ${RUN} })()}`,
	`import fs from 'node:fs'`,
	`export const leak = ${RUN}`,
	`export default function Layout() { ${RUN}; return null }`,
	`<Figure src="javascript:${RUN}" alt="图" />`,
	`<Figure src="/a.png" alt="图" onError="${RUN}" />`,
	`<Figure src="https://example.com/a.png\\" onerror=\\"alert(1)" alt="图" />`,
	`<Video src="data:video/mp4;base64,AAAA" title="录像">文字稿</Video>`,
	`<Video src="/v.mp4" title="录像" poster="javascript:${RUN}">文字稿</Video>`,
	`<KnowledgeCheck id="k" question="问？" answer="A" onClick="${RUN}">\n<Option value="A">甲</Option>\n<Option value="B">乙</Option>\n</KnowledgeCheck>`,
	`<math><mtext><img src="x" onError="${RUN}" /></mtext></math>`,
	`<Callout title="x">{"<script>alert(1)</script>"}</Callout>`,
	`<Callout type="提示" title="&quot; onmouseover=&quot;${RUN}">内容</Callout>`,
	`[点我](https://example.com "标题&quot; onmouseover=&quot;alert(1)")`,
	`[点我](\\u006aavascript:alert(1))`,
	`&lt;script&gt;${RUN}&lt;/script&gt;`,
	'`<script>alert(1)</script>`',
	'```html\n<script>alert(1)</script>\n```',
	`---js\n${RUN}\n---\n正文`,
	`<Step title="步骤">游离的步骤</Step>`,
	`<ProblemCard id="CZ-001" onClick="${RUN}" />`,
	// Raw HTML is now read as HTML (issue 14): the classic HTML-sanitizer bypasses.
	`<img src=x onerror=${RUN}>`,
	`<img src="x" onerror   =   "${RUN}">`,
	`<details open ontoggle="${RUN}"><summary>看</summary>内容</details>`,
	`<div style="background:url(javascript:alert(1))">内容</div>`,
	`<font color="red" onmouseover="${RUN}">红</font>`,
	`<a href="jav&#x61;script:${RUN}">点我</a>`,
	`<a href="javascript&colon;${RUN}">点我</a>`,
	`<a href="  javascript:${RUN}">点我</a>`,
	`<table background="javascript:${RUN}"><tr><td>格</td></tr></table>`,
	`<img srcset="javascript:${RUN} 1x" alt="图">`,
	`<!--><img src=x onerror=${RUN}>-->`,
	`<noscript><p title="</noscript><img src=x onerror=${RUN}>"></noscript>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
	`<div title="</div><script>${RUN}</script>">内容</div>`,
	`<x-callout onclick="${RUN}">内容</x-callout>`,
	`<Callout type="提示">\n<script>${RUN}</script>\n</Callout>`,
	`<unknown-tag onclick="${RUN}">文字</unknown-tag>`,
	`<p><svg><script>${RUN}</script></svg></p>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点我</a>`,
	`<img src="data:image/png;base64,iVBORw0KGgo=" alt="图">`,
	`<Figure src="/a.png" alt="图" caption="x" /><script>${RUN}</script>`,
]

/** Whole files: the frontmatter itself is hostile. */
const FILE_PAYLOADS: string[] = [`---js\n${RUN}\nmodule.exports = { title: 'x' }\n---\n正文`, `---javascript\n${RUN}\n---\n正文`, `---\ntitle: !!js/function "function () { ${RUN} }"\nestimatedMinutes: 1\n---\n正文`]

const DANGEROUS_TAG = /<\s*\/?\s*(script|iframe|frame|style|object|embed|link|meta|base|form|svg|math|template)\b/i
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink:href'])

function decodeEntities(value: string) {
	return value
		.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
		.replace(/&quot;/g, '"')
		.replace(/&#x27;|&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
}

/** Every problem an HTML string could carry into a browser. */
function dangersIn(html: string) {
	const dangers: string[] = []
	if (DANGEROUS_TAG.test(html)) dangers.push(`tag ${DANGEROUS_TAG.exec(html)![0]}`)
	for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
		for (const attribute of tag.matchAll(/\s([^\s"'=<>/]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
			const name = attribute[1]!.toLowerCase()
			const value = decodeEntities((attribute[2] ?? '').replace(/^["']|["']$/g, ''))
			if (name.startsWith('on')) dangers.push(`event attribute ${name}`)
			if (URL_ATTRIBUTES.has(name) && !checkUrl(value, name === 'href' ? 'link' : 'media').ok) dangers.push(`${name}=${value}`)
			if (name === 'style' || name === 'srcdoc') dangers.push(`attribute ${name}`)
		}
	}
	return dangers
}

const runtime: LessonRuntime = {
	problems: {
		'CZ-001': {
			code: 'CZ-001',
			title: '<img src=x onerror=alert(1)>',
			category: '<script>alert(1)</script>',
			description: 'javascript:alert(1)',
			recommendedHandling: '"><svg onload=alert(1)>',
			regulationBasis: '依据',
		},
	},
	checks: { mode: 'live', action: '/learn/x', versionId: 'v1', answered: {} },
}

beforeAll(() => {
	delete (globalThis as Record<string, unknown>)[SENTINEL]
})

afterAll(() => {
	expect((globalThis as Record<string, unknown>)[SENTINEL], 'a payload ran during the tests').toBeUndefined()
})

describe('XSS corpus', () => {
	test('the corpus is large enough to mean something', () => {
		expect(BODY_PAYLOADS.length + FILE_PAYLOADS.length).toBeGreaterThanOrEqual(30)
	})

	test.each(FILE_PAYLOADS)('hostile frontmatter is refused on line 1 or 2: %s', async (source) => {
		const result = await checkLessonSource(source)
		expect(result.ok).toBe(false)
		if (!result.ok) expect(result.issue.line).toBeLessThanOrEqual(2)
	})

	test.each(BODY_PAYLOADS)('%s', async (payload) => {
		const source = FRONTMATTER + payload
		const result = await checkLessonSource(source)
		const body = splitLessonSource(source)
		if (!body.ok) throw new Error('the test frontmatter is valid')
		if (!result.ok) {
			expect(result.issue.line).toBeGreaterThanOrEqual(5)
			expect(result.issue.message).not.toBe('')
			// Were the gate skipped, the compiler's own gate still refuses.
			await expect(compileLessonBody(body.value.body)).rejects.toThrow()
			return
		}
		const code = await compileLessonBody(result.lesson.body)
		expect(code).not.toMatch(/dangerouslySetInnerHTML/)
		expect(code).not.toMatch(/\bon[A-Z][A-Za-z]*\s*:/)
		const html = renderToStaticMarkup(createElement(LessonContent, { code, runtime }))
		expect(dangersIn(html), html).toEqual([])
		expect((globalThis as Record<string, unknown>)[SENTINEL]).toBeUndefined()
	})

	test('the HTML checker itself catches what it is meant to catch', () => {
		expect(dangersIn('<p><img src="x" onerror="alert(1)"></p>')).toEqual(['event attribute onerror'])
		expect(dangersIn('<a href="java&#x09;script:alert(1)">x</a>')).toEqual(['href=java\tscript:alert(1)'])
		expect(dangersIn('<script>alert(1)</script>')).toEqual(['tag <script'])
		expect(dangersIn('<a title="&quot; onmouseover=&quot;x" href="/ok">x</a>')).toEqual([])
	})
})

describe('knowledge check answers stay out of the bundle', () => {
	test('the compiled lesson has the question and options but not the answer or explanation', async () => {
		const result = await checkLessonSource(
			`${FRONTMATTER}<KnowledgeCheck id="kc" question="预算调整须经什么程序？" answer="B,C" explanation="独一无二的解析文字">\n<Option value="A">领导同意</Option>\n<Option value="B">法定程序</Option>\n<Option value="C">人大批准</Option>\n</KnowledgeCheck>`,
		)
		if (!result.ok) throw new Error('expected acceptance')
		const code = await compileLessonBody(result.lesson.body)
		expect(code).toContain('预算调整须经什么程序？')
		expect(code).toContain('法定程序')
		expect(code).not.toContain('独一无二的解析文字')
		expect(code).not.toMatch(/answer/)
		const html = renderToStaticMarkup(createElement(LessonContent, { code, runtime }))
		expect(html).toContain('type="checkbox"')
		expect(html).not.toContain('独一无二的解析文字')
	})
})
