// Hostile uploads (issue 8, item 6): each is refused with a Chinese message, the server
// process's memory stays bounded, and the event loop keeps ticking while the file is read
// (the reading runs in a worker thread). Timings are compared with a baseline measured in the
// same run, with a generous margin for a busy machine.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { csvWithHugeLine, csvWithRows, notAZip, xlsxWithCellInXfd, xlsxWithEntityExpansion, xlsxWithRows, xlsxZipBomb } from '#tests/hostile-spreadsheets.ts'
import { readSpreadsheet, type SpreadsheetReadResult } from './xlsx.server.ts'

const MB = 1024 * 1024
/** Longest pause of a 20 ms interval allowed beyond the baseline's own worst pause. */
const LAG_ALLOWANCE_MS = 1000
const RSS_GROWTH_LIMIT = 300 * MB

type Watch = { maxLagMs: number; peakRssGrowth: number }

/** Runs `work` while a 20 ms interval records its longest pause and the peak RSS growth. */
async function watched<T>(work: () => Promise<T>): Promise<{ value: T } & Watch> {
	const startRss = process.memoryUsage.rss()
	let peakRss = startRss
	let last = performance.now()
	let maxLagMs = 0
	const timer = setInterval(() => {
		const now = performance.now()
		maxLagMs = Math.max(maxLagMs, now - last - 20)
		last = now
		peakRss = Math.max(peakRss, process.memoryUsage.rss())
	}, 20)
	try {
		const value = await work()
		const now = performance.now()
		maxLagMs = Math.max(maxLagMs, now - last - 20)
		peakRss = Math.max(peakRss, process.memoryUsage.rss())
		return { value, maxLagMs, peakRssGrowth: peakRss - startRss }
	} finally {
		clearInterval(timer)
	}
}

let baselineLagMs = 0

beforeAll(async () => {
	// The machine's own hiccups: the same interval over a quiet second.
	baselineLagMs = (await watched(() => new Promise((resolve) => setTimeout(resolve, 1000)))).maxLagMs
})

afterAll(() => {
	console.info(`event-loop baseline: worst pause ${baselineLagMs.toFixed(0)} ms`)
})

async function expectRefused(data: Buffer, fileName: string, message: string | RegExp) {
	const { value, maxLagMs, peakRssGrowth } = await watched<SpreadsheetReadResult>(() => readSpreadsheet(data, fileName))
	console.info(`${fileName} (${(data.length / 1024).toFixed(0)} KB): worst pause ${maxLagMs.toFixed(0)} ms, RSS +${(peakRssGrowth / MB).toFixed(0)} MB`)
	expect(value.ok).toBe(false)
	if (!value.ok) expect(value.error).toMatch(message)
	expect(maxLagMs).toBeLessThan(baselineLagMs + LAG_ALLOWANCE_MS)
	expect(peakRssGrowth).toBeLessThan(RSS_GROWTH_LIMIT)
}

describe('hostile spreadsheets are refused without stalling the server', () => {
	test('one cell in column XFD (300 rows, 4 KB) is refused by its column while reading', async () => {
		const file = xlsxWithCellInXfd()
		expect(file.length).toBeLessThan(16 * 1024)
		await expectRefused(file, 'people.xlsx', '第300行的第 16384 列（XFD 列）有内容，表格最多 200 列')
	})

	test('a zip bomb of compressible sheet XML is refused by its declared size before inflating', async () => {
		const bomb = xlsxZipBomb(300)
		expect(bomb.length).toBeLessThan(2 * MB)
		await expectRefused(bomb, 'bomb.xlsx', /文件解压后超过 64 MB/)
	})

	test('a zip bomb that declares a small size is stopped once it inflates past what it declared', async () => {
		await expectRefused(xlsxZipBomb(300, { lie: true }), 'liar.xlsx', /无法读取文件：不是有效的 \.xlsx 文件|文件解压后超过/)
	})

	test('two bombs at once: both refused, memory still bounded', async () => {
		const bomb = xlsxZipBomb(300, { lie: true })
		const wide = xlsxWithCellInXfd()
		const { value, maxLagMs, peakRssGrowth } = await watched(() => Promise.all([readSpreadsheet(bomb, 'a.xlsx'), readSpreadsheet(wide, 'b.xlsx')]))
		expect(value.map((result) => result.ok)).toEqual([false, false])
		expect(maxLagMs).toBeLessThan(baselineLagMs + LAG_ALLOWANCE_MS)
		expect(peakRssGrowth).toBeLessThan(RSS_GROWTH_LIMIT)
	})

	test('a sheet of 1,000,000 rows is refused at the row limit while reading', async () => {
		await expectRefused(xlsxWithRows(1_000_000), 'rows.xlsx', '文件超过 20000 行数据，请拆分后分批导入')
	})

	test('nested XML entities ("billion laughs") are not expanded', async () => {
		await expectRefused(xlsxWithEntityExpansion(), 'laughs.xlsx', '无法读取文件：不是有效的 .xlsx 文件')
	})

	test('a file that is not a zip, named .xlsx, is refused', async () => {
		await expectRefused(notAZip(), 'renamed.xlsx', '无法读取文件：不是有效的 .xlsx 文件')
	})

	test('a CSV with a ten-million-character line is refused before it is split into cells', async () => {
		await expectRefused(csvWithHugeLine(), 'huge-line.csv', 'CSV 文件第 2 行（按换行计）超过 100 万个字符')
	})

	test('a CSV with 1,000,000 rows is refused at the row limit', async () => {
		await expectRefused(csvWithRows(1_000_000), 'rows.csv', '文件超过 20000 行数据，请拆分后分批导入')
	})

	test('a CSV row wider than the column limit is refused', async () => {
		const wide = Buffer.from(`工号,姓名\nu1,张三${',x'.repeat(300)}\n`, 'utf8')
		await expectRefused(wide, 'wide.csv', '第2行的第 302 列（KP 列）有内容，表格最多 200 列')
	})

	test('a sheet just inside the limits is read in full', async () => {
		const { value, maxLagMs } = await watched(() => readSpreadsheet(xlsxWithRows(20_000), 'full.xlsx'))
		expect(value.ok && value.rows.length).toBe(20_000)
		expect(value.ok && value.rows.at(-1)).toEqual({ rowNumber: 20_001, cells: { 工号: '20001' } })
		expect(maxLagMs).toBeLessThan(baselineLagMs + LAG_ALLOWANCE_MS)
	})
})
