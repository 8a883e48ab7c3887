// The only JSX a lesson may contain: each component, the attributes it takes and what may
// sit inside it. The sanitizer enforces this table, the editor's help lists it, and the
// component map in app/components/mdx must provide exactly these names (a test checks).

export type AttributeSpec =
	| { kind: 'text'; required?: boolean; max?: number }
	| { kind: 'enum'; values: readonly string[]; required?: boolean }
	| { kind: 'url'; use: 'link' | 'media'; required?: boolean }
	| { kind: 'date'; required?: boolean }
	| { kind: 'pattern'; pattern: RegExp; hint: string; required?: boolean }

export type ComponentSpec = {
	label: string
	example: string
	attributes: Record<string, AttributeSpec>
	/** markdown: any allowed content; none: self-closing; text: plain text only; a name: only those elements */
	children: 'markdown' | 'none' | 'text' | { only: string }
	/** The element may only sit directly inside this component. */
	parent?: string
	/** Text inside is required (Video's transcript). */
	requiresChildren?: string
}

export const CALLOUT_TYPES = ['提示', '注意', '警告'] as const
export type CalloutType = (typeof CALLOUT_TYPES)[number]

export const PROBLEM_CODE_PATTERN = /^[A-Z]{2,6}-\d{2,4}$/
export const CHECK_KEY_PATTERN = /^[A-Za-z0-9_-]{1,40}$/
const OPTION_VALUE_PATTERN = /^[^,，\s]{1,20}$/

export const COMPONENTS: Record<string, ComponentSpec> = {
	Callout: {
		label: '提示框（提示 / 注意 / 警告）',
		example: '<Callout type="注意" title="标题">\n内容\n</Callout>',
		attributes: { type: { kind: 'enum', values: CALLOUT_TYPES }, title: { kind: 'text', max: 100 } },
		children: 'markdown',
	},
	CaseStudy: {
		label: '案例',
		example: '<CaseStudy title="某街道专项资金案例" source="2023年经责审计">\n案情……\n</CaseStudy>',
		attributes: { title: { kind: 'text', required: true, max: 100 }, source: { kind: 'text', max: 100 } },
		children: 'markdown',
	},
	ProblemCard: {
		label: '共性问题卡片（按编号引用）',
		example: '<ProblemCard id="CZ-001" />',
		attributes: { id: { kind: 'pattern', pattern: PROBLEM_CODE_PATTERN, hint: '共性问题编号，如 CZ-001', required: true } },
		children: 'none',
	},
	Regulation: {
		label: '法规条文',
		example: '<Regulation name="中华人民共和国预算法" article="第十三条" effectiveDate="2018-12-29">\n条文摘录……\n</Regulation>',
		attributes: {
			name: { kind: 'text', required: true, max: 100 },
			article: { kind: 'text', max: 50 },
			effectiveDate: { kind: 'date' },
		},
		children: 'markdown',
	},
	Figure: {
		label: '图片（带说明）',
		example: '<Figure src="/images/flow.png" alt="审计流程图" caption="图1 审计流程" />',
		attributes: {
			src: { kind: 'url', use: 'media', required: true },
			alt: { kind: 'text', required: true, max: 200 },
			caption: { kind: 'text', max: 200 },
		},
		children: 'none',
	},
	Video: {
		label: '视频（须附文字稿）',
		example: '<Video src="/media/lecture.mp4" title="讲座录像">\n文字稿……\n</Video>',
		attributes: {
			src: { kind: 'url', use: 'media', required: true },
			title: { kind: 'text', required: true, max: 100 },
			poster: { kind: 'url', use: 'media' },
		},
		children: 'markdown',
		requiresChildren: '<Video> 需要在组件内写出文字稿',
	},
	KnowledgeCheck: {
		label: '随堂小测（答案只在服务器核对）',
		example:
			'<KnowledgeCheck id="kc-1" question="问题？" answer="B" explanation="解析……">\n  <Option value="A">选项一</Option>\n  <Option value="B">选项二</Option>\n</KnowledgeCheck>',
		attributes: {
			id: { kind: 'pattern', pattern: CHECK_KEY_PATTERN, hint: '字母、数字、- 或 _，最多 40 个字符', required: true },
			question: { kind: 'text', required: true, max: 500 },
			answer: { kind: 'text', required: true, max: 100 },
			explanation: { kind: 'text', max: 1000 },
		},
		children: { only: 'Option' },
	},
	Option: {
		label: '小测选项',
		example: '<Option value="A">选项</Option>',
		attributes: { value: { kind: 'pattern', pattern: OPTION_VALUE_PATTERN, hint: '不含空格和逗号，最多 20 个字符', required: true } },
		children: 'text',
		parent: 'KnowledgeCheck',
	},
	Steps: {
		label: '步骤列表',
		example: '<Steps>\n  <Step title="第一步">……</Step>\n</Steps>',
		attributes: {},
		children: { only: 'Step' },
	},
	Step: {
		label: '步骤',
		example: '<Step title="取得资料">……</Step>',
		attributes: { title: { kind: 'text', required: true, max: 100 } },
		children: 'markdown',
		parent: 'Steps',
	},
}

/**
 * Formatting HTML a lesson may carry (issue 14): rendered as written, with only the
 * attributes listed in the sanitize schema (lesson-tree.ts). `font color` and `center` and
 * `align` become classes; any other lowercase tag (say `<foo>`) is dropped and its text kept.
 */
export const FORMATTING_HTML_TAGS = new Set([
	'u', 'div', 'p', 'span', 'br', 'hr', 'details', 'summary',
	'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
	'strong', 'em', 'b', 'i', 's', 'del', 'ins', 'sub', 'sup', 'kbd', 'mark', 'small', 'abbr',
	'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
	'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'a', 'font', 'center', 'section', 'figure', 'figcaption', 'input',
])

/** Named in their own refusal message because authors paste them most. */
export const FORBIDDEN_HTML_TAGS = new Set([
	'script',
	'style',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'link',
	'meta',
	'base',
	'form',
	'input',
	'button',
	'textarea',
	'select',
	'svg',
	'math',
	'template',
	'noscript',
])

export const KNOWLEDGE_CHECK_LIMITS = { minOptions: 2, maxOptions: 8 }
