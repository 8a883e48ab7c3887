import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { BankNav } from '#app/components/bank-nav.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, ErrorList, FormError, SelectField, TextareaField, Field, inputProps, buttonClass } from '#app/components/forms.tsx'
import { Notice } from '#app/components/notice.tsx'
import { importQuestionDocument, previewQuestionDocument, readQuestionDocument } from '#app/exams/import/document-import.server.ts'
import { summariseDocument, type DocumentPreviewSummary } from '#app/exams/import/document-summary.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { TOPIC_LABELS, TOPICS } from '#app/utils/topics.ts'
import { DOCUMENT_ACCEPT, DocumentImportSchema } from './__document-import.ts'
import { DocumentPreview, FORMAT_GUIDE } from './__document-preview.tsx'

export const meta: MetaFunction = () => [{ title: 'Word、文本与 Moodle 导入 · 题库 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/bank')
	return null
}

/**
 * Preview reads the file (or the pasted text) and answers with what it found; commit reads it
 * again (the server never trusts a preview the browser hands back), writes in one
 * transaction and redirects to the bank with a toast.
 */
export async function action({ request }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/bank')
	const submission = parseWithZod(await request.formData(), { schema: DocumentImportSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), summary: null }, { status: 400 })
	const { intent, file, text, topic, difficulty, points, defaultStatus } = submission.value
	const fromFile = file !== undefined && file.size > 0
	const source = fromFile ? { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) } : { fileName: '粘贴的文本', text: text ?? '' }
	const read = await readQuestionDocument(source, { topic, difficulty: String(difficulty), points: String(points) })
	if (!read.ok) return data({ result: submission.reply({ fieldErrors: { [fromFile ? 'file' : 'text']: [read.error] } }), summary: null }, { status: 400 })
	if (intent === 'preview') {
		const preview = await previewQuestionDocument(prisma, read.document)
		return { result: submission.reply(), summary: summariseDocument(read.document, preview, source.fileName) }
	}
	const outcome = await importQuestionDocument(prisma, {
		document: read.document,
		fileName: source.fileName,
		mode: intent === 'commit_all' ? 'all' : 'valid_only',
		defaultStatus,
		actorId: user.id,
	})
	if (outcome.ok) {
		const skipped = outcome.skippedRows.length
		throw await redirectWithToast('/bank', { title: `已导入 ${outcome.imported} 道题目`, description: skipped ? `跳过 ${skipped} 道无法识别或有问题的题目。` : undefined })
	}
	return data({ result: submission.reply({ formErrors: [outcome.reason ?? '未导入任何题目'] }), summary: summariseDocument(read.document, outcome.preview, source.fileName) }, { status: 400 })
}

function selectProps(field: Parameters<typeof getSelectProps>[0]) {
	const { key: _key, ...props } = getSelectProps(field)
	return props
}

export default function DocumentImportPage() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const [form, fields] = useForm({
		id: 'document-import',
		lastResult: actionData?.result,
		constraint: getZodConstraint(DocumentImportSchema),
		onValidate: ({ formData }) => parseWithZod(formData, { schema: DocumentImportSchema }),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		defaultValue: { topic: 'general', difficulty: '3', points: '1', defaultStatus: 'active' },
	})
	const summary: DocumentPreviewSummary | null = actionData?.summary ?? null
	return (
		<Page wide>
			<PageHeader
				title="Word、文本与 Moodle 导入"
				description="从 Word 文档、粘贴的文本、Moodle XML 或 GIFT 文件导入题目。先预览：列出识别出的题目和无法识别的题目及原因；确认后才写入，所有题目在一个事务中写入。"
			/>
			<BankNav />
			<div className="flex flex-col gap-4">
				<section className="rounded-lg border border-gray-200 bg-white p-5">
					<h2 className="font-semibold">1. 可导入的格式与示例</h2>
					{FORMAT_GUIDE}
					<p className="mt-3 text-sm">
						Excel 或 CSV 表格请用
						<Link to="/bank/import" className="text-brand-700 underline underline-offset-2">
							表格导入
						</Link>
						。
					</p>
				</section>
				<Form method="post" encType="multipart/form-data" className="flex flex-col gap-4" {...getFormProps(form)}>
					<section className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-5">
						<h2 className="font-semibold">2. 选择文件或粘贴文本，设定默认值</h2>
						<div className="flex min-w-0 flex-col gap-1">
							<label htmlFor={fields.file.id} className="text-sm font-medium text-gray-800">
								选择题库文件（.docx、.xml、.gift、.txt）
							</label>
							<input
								type="file"
								id={fields.file.id}
								name={fields.file.name}
								accept={DOCUMENT_ACCEPT}
								aria-invalid={fields.file.errors ? true : undefined}
								aria-describedby={fields.file.errors ? fields.file.errorId : undefined}
								className="min-w-0 max-w-full text-sm"
							/>
							<ErrorList id={fields.file.errorId} errors={fields.file.errors} />
						</div>
						<TextareaField
							label="或粘贴题目文本"
							hint="如：一、单选题（每题1分）↵1. 题干（ ）↵A. … B. … C. … D. …↵答案：B↵解析：…"
							rows={10}
							{...inputProps(fields.text, { type: 'text' })}
							errors={fields.text.errors}
						/>
						<div className="grid gap-3 sm:grid-cols-3">
							<SelectField
								label="专题（文件中没有时）"
								{...selectProps(fields.topic)}
								errors={fields.topic.errors}
								options={TOPICS.map((topic) => ({ value: topic, label: TOPIC_LABELS[topic] }))}
							/>
							<SelectField
								label="难度（文件中没有时）"
								{...selectProps(fields.difficulty)}
								errors={fields.difficulty.errors}
								options={[1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: String(d) }))}
							/>
							<Field label="分值（标题中没有“每题N分”时）" {...inputProps(fields.points, { type: 'number' })} step="0.1" errors={fields.points.errors} />
						</div>
						<div>
							<Button type="submit" name="intent" value="preview" pendingLabel="正在读取…">
								预览
							</Button>
						</div>
					</section>
					<FormError message={form.errors?.[0]} />
					{summary ? (
						<DocumentPreview summary={summary} busy={busy} defaultStatusProps={selectProps(fields.defaultStatus)} />
					) : null}
				</Form>
				{summary ? null : (
					<p className="text-sm text-gray-600">
						预览不会写入任何数据。
						<Link to="/bank" className={buttonClass('link')}>
							返回题库
						</Link>
					</p>
				)}
				{summary && summary.validCount === 0 ? <Notice tone="warning">没有可导入的题目，请按上面列出的原因修改后重新预览。</Notice> : null}
			</div>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
