// Files an admin downloads: the import templates (with a sheet of instructions) and the
// one-time list of temporary passwords.
import { writeCsv, writeXlsx, type SheetColumn, type SheetSpec, type SpreadsheetFormat } from '#app/utils/xlsx.server.ts'
import { UNIT_KIND_CHOICES } from '../unit-kinds.ts'
import { ROLE_CHOICES } from '../user-fields.ts'
import type { ImportCredential, ImportKind } from './types.ts'

type TemplateSpec = {
	fileStem: string
	sheetName: string
	columns: SheetColumn[]
	instructions: [column: string, required: string, rule: string, example: string][]
}

const TEMPLATES: Record<ImportKind, TemplateSpec> = {
	users: {
		fileStem: '用户导入模板',
		sheetName: '用户',
		columns: [
			{ header: '工号', width: 14, text: true },
			{ header: '姓名', width: 12 },
			{ header: '单位', width: 32 },
			{ header: '角色', width: 20 },
			{ header: '手机', width: 16, text: true },
		],
		instructions: [
			['工号', '必填', '登录用的工号，2–32 位字母、数字或 _ . -；不能与已有工号或表内其他行重复', 'a1024'],
			['姓名', '必填', '不超过 50 个字', '张三'],
			['单位', '必填', '系统中已有且在用的单位名称；重名时写出上级，用 / 分隔', '区审计局/区财政局'],
			['角色', '必填', `可填：${ROLE_CHOICES}；多个用 、 或 , 或 ， 分隔`, '学员、导师'],
			['手机', '选填', '11 位手机号', '13912345678'],
		],
	},
	units: {
		fileStem: '单位导入模板',
		sheetName: '单位',
		columns: [
			{ header: '单位名称', width: 30 },
			{ header: '类型', width: 12 },
			{ header: '上级单位', width: 36 },
		],
		instructions: [
			['单位名称', '必填', '不超过 100 个字，不含 /；同一上级下不能重名', '城关街道'],
			['类型', '必填', `可填：${UNIT_KIND_CHOICES}`, '街道'],
			['上级单位', '选填', '系统中已有的单位，或本表中写在前面的单位；重名时写出上级，用 / 分隔；留空则为顶级单位', '市审计局/区审计局'],
		],
	},
	pairings: {
		fileStem: '导师带徒结对导入模板',
		sheetName: '结对',
		columns: [
			{ header: '导师工号', width: 14, text: true },
			{ header: '徒弟工号', width: 14, text: true },
			{ header: '开始日期', width: 14, text: true },
			{ header: '结束日期', width: 14, text: true },
			{ header: '目标', width: 60 },
		],
		instructions: [
			['导师工号', '必填', '已有且在用、具有导师身份的账号', 'm0001'],
			['徒弟工号', '必填', '已有且在用的账号；一名徒弟同时只能有一位导师，已有在带导师的须先结束原结对；同一徒弟在表内只能出现一次', 's0001'],
			['开始日期', '必填', '结对期开始日，格式 2026-09-01（也可写 2026/9/1）', '2026-09-01'],
			['结束日期', '必填', '结对期结束日，须晚于开始日期', '2027-08-31'],
			['目标', '选填', '业务和党建目标；写成“业务：……；党建：……”分别记录，不写标签则全部记为业务目标', '业务：独立完成一个经责审计项目；党建：每月参加主题党日'],
		],
	},
}

export function templateColumns(kind: ImportKind) {
	return TEMPLATES[kind].columns.map((c) => c.header)
}

export async function templateFile(kind: ImportKind, format: SpreadsheetFormat) {
	const spec = TEMPLATES[kind]
	if (format === 'csv') {
		return { fileName: `${spec.fileStem}.csv`, contentType: 'text/csv; charset=utf-8', body: writeCsv(templateColumns(kind), []) }
	}
	const sheets: SheetSpec[] = [
		{ name: spec.sheetName, columns: spec.columns, rows: [] },
		{
			name: '填写说明',
			columns: [{ header: '列名', width: 12 }, { header: '是否必填', width: 10 }, { header: '规则', width: 70 }, { header: '示例', width: 24, text: true }],
			rows: [
				...spec.instructions,
				['', '', '只读取第一个工作表；第1行是表头，请勿改动。导入前会逐行校验，全部无误才会写入。', ''],
			],
		},
	]
	return {
		fileName: `${spec.fileStem}.xlsx`,
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		body: await writeXlsx(sheets),
	}
}

export function credentialsWorkbook(credentials: readonly ImportCredential[]) {
	return writeXlsx([
		{
			name: '临时密码',
			columns: [
				{ header: '工号', width: 14, text: true },
				{ header: '姓名', width: 12 },
				{ header: '单位', width: 36 },
				{ header: '临时密码', width: 18, text: true },
			],
			rows: credentials.map((c) => [c.username, c.name, c.unit, c.temporaryPassword]),
		},
	])
}

/** RFC 5987 header value, so Chinese file names survive every browser. */
export function attachmentHeader(fileName: string) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_')
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
