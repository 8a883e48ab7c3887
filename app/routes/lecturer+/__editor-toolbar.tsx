// The lesson editor's toolbar (issue 14 part 9): common Markdown constructs at a click or a key.
// The text transforms are pure (app/courses/lesson-editor-actions.ts); here each edit goes
// into the textarea through the browser's own editing command (execCommand 'insertText'),
// which Chromium records as one step of its undo stack (setRangeText is not recorded there,
// so it is only the fallback, ADR 017). Arrow keys move along the toolbar (one tab stop).
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import {
	applyEdit,
	insertBlockMath,
	insertCallout,
	insertImage,
	insertKnowledgeCheck,
	insertTable,
	type TextEdit,
	type TextSelection,
	toggleHeading,
	toggleInline,
	toggleInlineMath,
	toggleList,
} from '#app/courses/lesson-editor-actions.ts'
import { LinkDialog } from './__link-dialog.tsx'

/** Where B's upload answers (issue 14 part 7): `{ ok: true, url, markdown, … }` or `{ ok: false, message }`. */
const UPLOAD_URL = '/lecturer/lesson-images'
const IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif'

/** Applies one edit as one undoable step, keeps focus in the textarea and sets the new selection. */
export function applyTextEdit(textarea: HTMLTextAreaElement, edit: TextEdit) {
	const expected = applyEdit(textarea.value, edit)
	textarea.focus()
	textarea.setSelectionRange(edit.from, edit.to)
	let done = false
	try {
		done = edit.insert ? document.execCommand('insertText', false, edit.insert) : edit.from === edit.to || document.execCommand('delete')
	} catch {
		done = false
	}
	if (!done || textarea.value !== expected) {
		// No editing command here: the same text, though the browser's undo will not know the step.
		textarea.setRangeText(expected, 0, textarea.value.length)
		textarea.dispatchEvent(new Event('input', { bubbles: true }))
	}
	textarea.setSelectionRange(edit.selectionStart, edit.selectionEnd)
}

export function selectionOf(textarea: HTMLTextAreaElement): TextSelection {
	return { text: textarea.value, start: textarea.selectionStart, end: textarea.selectionEnd }
}

type Action = { key: string; label: string; name: string; shortcut?: string; edit: (selection: TextSelection) => TextEdit }

export const BOLD = (selection: TextSelection) => toggleInline(selection, '**', '粗体文字')
export const ITALIC = (selection: TextSelection) => toggleInline(selection, '*', '斜体文字')

const GROUPS: Action[][] = [
	[
		{ key: 'h2', label: 'H2', name: '二级标题', edit: (s) => toggleHeading(s, 2) },
		{ key: 'h3', label: 'H3', name: '三级标题', edit: (s) => toggleHeading(s, 3) },
		{ key: 'bold', label: 'B', name: '粗体', shortcut: 'Control+B', edit: BOLD },
		{ key: 'italic', label: 'I', name: '斜体', shortcut: 'Control+I', edit: ITALIC },
	],
	[
		{ key: 'ul', label: '• 列表', name: '无序列表', edit: (s) => toggleList(s, 'bullet') },
		{ key: 'ol', label: '1. 列表', name: '有序列表', edit: (s) => toggleList(s, 'numbered') },
		{ key: 'table', label: '表格', name: '插入表格', edit: insertTable },
	],
	[
		{ key: 'callout', label: '提示框', name: '插入提示框', edit: insertCallout },
		{ key: 'check', label: '小测', name: '插入随堂小测', edit: insertKnowledgeCheck },
		{ key: 'math', label: '行内公式', name: '行内公式', edit: toggleInlineMath },
		{ key: 'math-block', label: '公式块', name: '公式块', edit: insertBlockMath },
	],
]

const BUTTON = 'rounded px-2 py-1 text-sm text-gray-800 hover:bg-gray-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:text-gray-400'

/** What an upload's failure says, in Chinese, whatever answered (B's JSON, a missing route, the network). */
async function uploadImage(file: File): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
	const body = new FormData()
	body.set('image', file)
	let response: Response
	try {
		response = await fetch(UPLOAD_URL, { method: 'POST', body, headers: { accept: 'application/json' } })
	} catch {
		return { ok: false, message: '网络连接中断，图片没有上传，请稍后重试。' }
	}
	if (response.status === 404) return { ok: false, message: '服务器尚未开放图片上传（未找到上传地址），请联系管理员。' }
	const answer = (await response.json().catch(() => null)) as { ok?: boolean; url?: unknown; message?: unknown } | null
	if (response.ok && answer?.ok && typeof answer.url === 'string') return { ok: true, url: answer.url }
	if (answer && typeof answer.message === 'string' && answer.message) return { ok: false, message: answer.message }
	if (response.status === 413) return { ok: false, message: '图片太大，没有上传。' }
	return { ok: false, message: `图片上传失败（HTTP ${response.status}），请稍后重试。` }
}

export function EditorToolbar({ textareaRef, disabled }: { textareaRef: RefObject<HTMLTextAreaElement>; disabled: boolean }) {
	const [active, setActive] = useState('h2')
	const [uploading, setUploading] = useState(false)
	const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null)
	const [linkFor, setLinkFor] = useState<TextSelection | null>(null)
	const fileRef = useRef<HTMLInputElement>(null)
	const toolbarRef = useRef<HTMLDivElement>(null)

	const run = (edit: (selection: TextSelection) => TextEdit) => {
		const textarea = textareaRef.current
		if (textarea) applyTextEdit(textarea, edit(selectionOf(textarea)))
	}

	// Ctrl/⌘+B, +I and +K in the text, as in a word processor.
	const shortcuts = useRef<(event: globalThis.KeyboardEvent) => void>(() => {})
	shortcuts.current = (event) => {
		if (disabled || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
		const key = event.key.toLowerCase()
		const textarea = textareaRef.current
		if (!textarea || !['b', 'i', 'k'].includes(key)) return
		event.preventDefault()
		if (key === 'k') setLinkFor(selectionOf(textarea))
		else run(key === 'b' ? BOLD : ITALIC)
	}
	useEffect(() => {
		const textarea = textareaRef.current
		if (!textarea) return
		const listener = (event: globalThis.KeyboardEvent) => shortcuts.current(event)
		textarea.addEventListener('keydown', listener)
		return () => textarea.removeEventListener('keydown', listener)
	}, [textareaRef])

	const onFile = async () => {
		const file = fileRef.current?.files?.[0]
		if (!file) return
		setUploading(true)
		setStatus({ text: '图片上传中…', error: false })
		const result = await uploadImage(file)
		setUploading(false)
		if (fileRef.current) fileRef.current.value = ''
		if (!result.ok) return setStatus({ text: result.message, error: true })
		setStatus({ text: '图片已上传并插入正文。', error: false })
		run((selection) => insertImage(selection, result.url))
	}

	/** Arrow keys, Home and End move between the buttons; Tab leaves the toolbar. */
	const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
		const buttons = [...(toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button[data-tool]') ?? [])]
		const at = buttons.findIndex((button) => button === document.activeElement)
		if (at === -1) return
		const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key]
		if (next === undefined) return
		event.preventDefault()
		const target = buttons[(next + buttons.length) % buttons.length]!
		setActive(target.dataset.tool!)
		target.focus()
	}

	const tool = (key: string) => ({ 'data-tool': key, tabIndex: active === key ? 0 : -1, onFocus: () => setActive(key), disabled })

	return (
		<div className="flex flex-col gap-1">
			<div
				ref={toolbarRef}
				role="toolbar"
				aria-label="正文格式"
				aria-controls="lesson-body"
				onKeyDown={onKeyDown}
				className="flex flex-wrap items-center gap-1 rounded border border-gray-300 bg-gray-50 px-1 py-1"
			>
				{GROUPS.map((group, index) => (
					<div key={index} className="flex flex-wrap items-center gap-0.5 border-gray-300 pr-1 [&:not(:last-child)]:border-r">
						{group.map((action) => (
							<button
								key={action.key}
								type="button"
								{...tool(action.key)}
								// The visible text is part of the name (WCAG 2.5.3), the Chinese name says what it does.
								aria-label={action.name.includes(action.label) ? action.name : `${action.label} ${action.name}`}
								aria-keyshortcuts={action.shortcut}
								title={action.shortcut ? `${action.name}（${action.shortcut.replace('Control', 'Ctrl')}）` : action.name}
								className={`${BUTTON} ${action.key === 'bold' ? 'font-bold' : ''} ${action.key === 'italic' ? 'font-serif italic' : ''}`}
								onClick={() => run(action.edit)}
							>
								{action.label}
							</button>
						))}
						{index === 1 ? (
							<button
								type="button"
								{...tool('link')}
								aria-label="插入链接"
								aria-keyshortcuts="Control+K"
								title="插入链接（Ctrl+K）"
								className={BUTTON}
								onClick={() => textareaRef.current && setLinkFor(selectionOf(textareaRef.current))}
							>
								链接
							</button>
						) : null}
						{index === 1 ? (
							<button type="button" {...tool('image')} disabled={disabled || uploading} aria-label={uploading ? '上传中…' : '上传图片'} title="上传图片（PNG、JPEG、WebP、GIF）" className={BUTTON} onClick={() => fileRef.current?.click()}>
								{uploading ? '上传中…' : '图片'}
							</button>
						) : null}
					</div>
				))}
				<input ref={fileRef} type="file" accept={IMAGE_TYPES} className="hidden" tabIndex={-1} aria-hidden="true" onChange={() => void onFile()} />
			</div>
			<p id="editor-toolbar-status" role="status" className={status?.error ? 'text-sm text-red-700' : 'text-xs text-gray-600'}>
				{status?.text ?? ''}
			</p>
			{linkFor ? (
				<LinkDialog
					selection={linkFor}
					onClose={(edit) => {
						setLinkFor(null)
						const textarea = textareaRef.current
						if (!textarea) return
						if (edit) applyTextEdit(textarea, edit)
						else {
							textarea.focus()
							textarea.setSelectionRange(linkFor.start, linkFor.end)
						}
					}}
				/>
			) : null}
		</div>
	)
}
