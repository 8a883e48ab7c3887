// The lesson editor: form fields and the lesson body on the left, a live preview on the right.
// The preview is compiled on the server through the same gate and compiler as a published
// lesson; a refusal names the body line and column, which the gutter marks with the check's
// warnings (issue 14); the list below the text moves the cursor to each. A toolbar above the
// text writes the common constructs (__editor-toolbar.tsx).
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, useFetcher } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, ErrorList, Field, FormError, inputProps, TextareaField } from '#app/components/forms.tsx'
import { LessonContent, lessonTableOfContents } from '#app/components/mdx/lesson-content.tsx'
import { TableOfContents } from '#app/components/mdx/table-of-contents.tsx'
import type { ProblemCardData } from '#app/components/mdx/lesson-runtime.tsx'
import { offsetOfLineColumn } from '#app/courses/lesson-editor-actions.ts'
import { type EditorFields, type EditorIssue, LessonEditorSchema } from '#app/courses/lesson-editor.ts'
import { COMPONENTS } from '#app/courses/mdx/allow-list.ts'
import { cn } from '#app/utils/misc.ts'
import { EditorToolbar } from './__editor-toolbar.tsx'
import { type GutterMark, LineGutter } from './__line-gutter.tsx'

/** The action's answer (ADR 070): conform's reply, and the refused body line and column for the gutter. */
export type EditorResult = SubmissionResult<string[]> & { line?: number | null; column?: number | null }
type PreviewResult = ({ ok: true; code: string; problems: ProblemCardData[] } | { ok: false; message: string; line?: number | null; column?: number }) & { warnings?: EditorIssue[] }

const PREVIEW_DELAY_MS = 600
const LINE_HEIGHT_REM = 1.5
const EDITOR_HEIGHT = '32rem'

export type EditorButton = { intent: string; label: string; variant?: 'primary' | 'secondary' | 'danger' }

export function LessonEditor({
	defaults,
	baseRevision,
	lastResult,
	buttons,
	readOnly = false,
}: {
	defaults: EditorFields
	baseRevision: number | null
	lastResult: EditorResult | null | undefined
	buttons: EditorButton[]
	readOnly?: boolean
}) {
	const [form, fields] = useForm({
		id: 'lesson-editor',
		lastResult,
		defaultValue: defaults,
		constraint: getZodConstraint(LessonEditorSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LessonEditorSchema }),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
	})
	const formRef = useRef<HTMLFormElement>(null)
	const preview = useFetcher<PreviewResult>({ key: 'lesson-preview' })
	const submitPreview = useRef(preview.submit)
	submitPreview.current = preview.submit
	const timer = useRef<number | undefined>(undefined)
	const [body, setBody] = useState(defaults.body)
	const gutterRef = useRef<HTMLDivElement>(null)
	const textareaRef = useRef<HTMLTextAreaElement>(null)

	const refreshPreview = useCallback(() => {
		if (!formRef.current) return
		const formData = new FormData(formRef.current)
		formData.delete('intent')
		submitPreview.current(formData, { method: 'post', action: '/lecturer/preview' })
	}, [])

	useEffect(() => {
		refreshPreview()
		return () => window.clearTimeout(timer.current)
	}, [refreshPreview])

	const onEdit = () => {
		const body = formRef.current?.elements.namedItem('body')
		if (body instanceof HTMLTextAreaElement) setBody(body.value)
		window.clearTimeout(timer.current)
		timer.current = window.setTimeout(refreshPreview, PREVIEW_DELAY_MS)
	}

	const previewFailure = preview.data && !preview.data.ok ? preview.data : null
	const marks = gutterMarks(lastResult, previewFailure, preview.data?.warnings ?? [])
	const badLine = marks.some((mark) => mark.severity === 'error') ? marks[0]!.line : null
	const fieldWarnings = (preview.data?.warnings ?? []).filter((warning) => warning.line === null)
	const bodyErrors = fields.body.errors

	/** Puts the cursor at the line and column and scrolls the text so the line is in view. */
	const jumpTo = ({ line, column }: { line: number; column?: number }) => {
		const textarea = textareaRef.current
		if (!textarea) return
		const offset = offsetOfLineColumn(textarea.value, line, column)
		textarea.focus()
		textarea.setSelectionRange(offset, offset)
		const row = gutterRef.current?.children[line - 1] as HTMLElement | undefined
		if (row) textarea.scrollTop = Math.max(0, row.offsetTop - textarea.clientHeight / 3)
	}

	return (
		<div className="grid gap-6 xl:grid-cols-2">
			<Form method="post" ref={formRef} onChange={onEdit} className="flex min-w-0 flex-col gap-4" aria-label="课时编辑" {...getFormProps(form)}>
				<FormError message={form.errors?.[0]} />
				<input type="hidden" name="baseRevision" value={baseRevision ?? ''} />
				<fieldset disabled={readOnly} className="flex flex-col gap-4">
					<Field label="课时标题" errors={fields.title.errors} {...inputProps(fields.title, { type: 'text' })} />
					<div className="grid gap-4 sm:grid-cols-3">
						<Field label="预计学习分钟数" errors={fields.estimatedMinutes.errors} {...inputProps(fields.estimatedMinutes, { type: 'number' })} />
						<Field label="标签（用顿号或逗号分隔）" className="sm:col-span-2" errors={fields.tags.errors} {...inputProps(fields.tags, { type: 'text' })} />
					</div>
					<TextareaField label="摘要" name={fields.summary.name} rows={2} defaultValue={defaults.summary} maxLength={500} errors={fields.summary.errors} />
					<TextareaField
						label="法规引用（每行一条：法规名称｜条款｜施行日期）"
						name={fields.regulations.name}
						rows={2}
						defaultValue={defaults.regulations}
						placeholder="中华人民共和国预算法｜第十三条｜2018-12-29"
						errors={fields.regulations.errors}
					/>
					<div className="flex flex-col gap-1">
						<label htmlFor="lesson-body" className="text-sm font-medium text-gray-800">
							正文（Markdown）
						</label>
						<EditorToolbar textareaRef={textareaRef} disabled={readOnly} />
						<div className="relative flex overflow-hidden rounded border border-gray-300 focus-within:border-brand-600">
							<LineGutter textareaRef={textareaRef} gutterRef={gutterRef} text={body} lineHeightRem={LINE_HEIGHT_REM} height={EDITOR_HEIGHT} marks={marks} onMarkClick={jumpTo} />
							<textarea
								ref={textareaRef}
								id="lesson-body"
								name={fields.body.name}
								defaultValue={defaults.body}
								spellCheck={false}
								aria-invalid={badLine || bodyErrors?.length ? true : undefined}
								aria-describedby={marks.length ? 'lesson-body-error lesson-body-issues' : 'lesson-body-error'}
								onScroll={(event) => {
									if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop
								}}
								className="flex-1 resize-none px-3 py-2 font-mono text-sm focus:outline-none"
								style={{ height: EDITOR_HEIGHT, lineHeight: `${LINE_HEIGHT_REM}rem` }}
							/>
						</div>
						<ErrorList id="lesson-body-error" errors={bodyErrors} />
						<IssueList marks={marks} fieldWarnings={fieldWarnings} onPick={jumpTo} />
					</div>
				</fieldset>
				{readOnly ? null : (
					<div className="flex flex-wrap gap-2">
						{buttons.map((button) => (
							<Button key={button.intent} type="submit" name="intent" value={button.intent} variant={button.variant ?? 'primary'} pendingLabel="处理中…">
								{button.label}
							</Button>
						))}
					</div>
				)}
				<ComponentHelp />
			</Form>
			<section aria-labelledby="preview-heading" className="min-w-0">
				<div className="mb-2 flex items-center justify-between">
					<h2 id="preview-heading" className="text-lg font-semibold">
						预览
					</h2>
					<span className="text-xs text-gray-500" role="status">
						{preview.state !== 'idle' ? '正在编译…' : previewFailure ? '有错误' : preview.data ? '已更新' : ''}
					</span>
				</div>
				<div className="sticky top-4 max-h-[80vh] overflow-auto rounded-lg border border-gray-200 bg-white px-5 py-4" data-testid="lesson-preview">
					{previewFailure ? (
						<p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
							{previewFailure.message}
						</p>
					) : preview.data?.ok ? (
						<>
							<TableOfContents entries={lessonTableOfContents(preview.data.code)} />
							<LessonContent code={preview.data.code} runtime={{ problems: Object.fromEntries(preview.data.problems.map((p) => [p.code, p])), checks: { mode: 'preview' } }} />
						</>
					) : (
						<p className="text-sm text-gray-500">正在生成预览…</p>
					)}
				</div>
			</section>
		</div>
	)
}

/** The refusal (from saving, else from the preview) and the preview's warnings that sit on body lines. */
function gutterMarks(lastResult: EditorResult | null | undefined, previewFailure: { message: string; line?: number | null; column?: number } | null, warnings: EditorIssue[]) {
	const marks: GutterMark[] = []
	const saved = lastResult?.line ? { line: lastResult.line, column: lastResult.column ?? undefined, message: lastResult.error?.['']?.[0] ?? '' } : null
	const refusal = saved ?? (previewFailure?.line ? { line: previewFailure.line, column: previewFailure.column, message: previewFailure.message } : null)
	if (refusal) marks.push({ ...refusal, severity: 'error' })
	for (const warning of warnings) if (warning.line) marks.push({ line: warning.line, column: warning.column, message: warning.message, severity: 'warning' })
	return marks
}

/** The marks as a list a keyboard and a screen reader reach: each moves the cursor to its place. */
function IssueList({ marks, fieldWarnings, onPick }: { marks: GutterMark[]; fieldWarnings: EditorIssue[]; onPick: (mark: GutterMark) => void }) {
	if (!marks.length && !fieldWarnings.length) return null
	return (
		<ul id="lesson-body-issues" aria-label="正文中标出的问题" className="mt-1 flex flex-col gap-1 text-sm">
			{marks.map((mark, index) => (
				<li key={index}>
					<button
						type="button"
						onClick={() => onPick(mark)}
						className={cn(
							'w-full rounded border px-2 py-1 text-left hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600',
							mark.severity === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900',
						)}
					>
						<span aria-hidden="true">{mark.severity === 'error' ? '✕ ' : '▲ '}</span>
						<span className="font-medium">{mark.severity === 'error' ? '错误' : '提醒'}</span>：{mark.message}
					</button>
				</li>
			))}
			{fieldWarnings.map((warning, index) => (
				<li key={`field-${index}`} className="rounded border border-amber-200 bg-amber-50 px-2 py-1 text-amber-900">
					<span aria-hidden="true">▲ </span>
					<span className="font-medium">提醒</span>：{warning.message}
				</li>
			))}
		</ul>
	)
}

function ComponentHelp() {
	return (
		<details className="rounded border border-gray-200 bg-white px-4 py-2 text-sm">
			<summary className="cursor-pointer font-medium">可用组件和写法</summary>
			<p className="mt-2 text-gray-600">
				正文使用 Markdown（标题、列表、表格、链接），以及下列组件。不允许 import/export、JavaScript 表达式、HTML 脚本和事件属性；链接只能是 http、https、mailto 或站内地址。
			</p>
			<dl className="mt-2 flex flex-col gap-2">
				{Object.entries(COMPONENTS)
					.filter(([, spec]) => !spec.parent)
					.map(([name, spec]) => (
						<div key={name}>
							<dt className="font-medium">
								{name} <span className="font-normal text-gray-500">— {spec.label}</span>
							</dt>
							<dd>
								<pre className="mt-1 overflow-x-auto rounded bg-gray-50 px-2 py-1 text-xs">{spec.example}</pre>
							</dd>
						</div>
					))}
			</dl>
		</details>
	)
}
