// Demo organisation and people, in Chinese. Fixed 工号 so the printed logins always work.
import type { Role } from '#app/utils/roles.ts'

export const DEMO_PASSWORD = 'Hongshen2026'

export type DemoUnit = { key: string; name: string; kind: string; parent?: string }

const bureaus: DemoUnit[] = [
	{ key: 'province', name: '省审计厅', kind: 'bureau' },
	{ key: 'city', name: '市审计局', kind: 'bureau', parent: 'province' },
	{ key: 'district', name: '区审计局', kind: 'bureau', parent: 'city' },
	...['东城', '西城', '南湖', '北山', '临江', '青山', '白沙', '金水', '石桥', '枫林', '柳岸', '云台'].map((name, i) => ({
		key: `county${i + 1}`,
		name: `${name}区审计局`,
		kind: 'bureau',
		parent: 'city',
	})),
]

const departments = ['区财政局', '区发展和改革局', '区教育局', '区卫生健康委员会', '区住房和城乡建设局', '区交通运输局', '区民政局', '区人力资源和社会保障局', '区农业农村局', '区水务局', '区文化和旅游局', '区市场监督管理局']
const subdistricts = ['城关街道', '东湖街道', '西山街道', '南门街道', '北站街道', '新华街道', '长安街道', '和平街道', '滨江街道', '高新街道', '桃源街道', '望江街道']
const soes = ['区城市建设投资集团有限公司', '区国有资产经营有限公司', '区水务集团有限公司', '区交通投资有限公司', '区文化旅游发展集团', '区产业投资基金有限公司', '区公共资源交易服务有限公司', '区农业发展投资有限公司', '区城市更新有限公司', '区数字科技有限公司']
const communities = ['幸福社区', '阳光社区', '和谐社区', '锦绣社区', '翠湖社区', '红星村', '永丰村', '新民村', '双河村', '石门村', '柳林村', '金桥社区']
const others = ['区人民医院', '区中医院', '区第一中学', '区职业技术学校', '区图书馆', '区疾病预防控制中心', '区社会保险事业中心', '区公共资源交易中心', '区机关事务服务中心', '区融媒体中心']

export const DEMO_UNITS: DemoUnit[] = [
	...bureaus,
	...departments.map((name, i) => ({ key: `dept${i + 1}`, name, kind: 'department', parent: 'district' })),
	...subdistricts.map((name, i) => ({ key: `sub${i + 1}`, name, kind: 'subdistrict', parent: 'district' })),
	...soes.map((name, i) => ({ key: `soe${i + 1}`, name, kind: 'soe', parent: 'district' })),
	...communities.map((name, i) => ({ key: `com${i + 1}`, name, kind: 'community', parent: `sub${(i % subdistricts.length) + 1}` })),
	...others.map((name, i) => ({ key: `other${i + 1}`, name, kind: 'other', parent: 'district' })),
]

export type DemoUser = { username: string; name: string; unit: string; roles: Role[]; phone?: string }

const familyNames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const givenNames = ['晓明', '丽华', '建国', '海燕', '志强', '静怡', '子涵', '雨轩', '浩然', '思远', '佳琪', '俊杰', '梦瑶', '文博', '欣怡', '宇航', '诗琪', '天佑', '若曦', '明轩', '雅婷', '博文', '紫萱', '睿哲', '嘉怡', '晨阳', '可馨', '泽宇', '语桐', '铭远', '一诺', '安然', '书瑶', '景行', '知夏', '沐阳', '清妍', '承宇', '芷若', '致远', '星辰', '思齐']

function personName(i: number) {
	return `${familyNames[(i * 7) % familyNames.length]}${givenNames[i % givenNames.length]}`
}

const unitKeysForLearners = [...departments.map((_, i) => `dept${i + 1}`), ...subdistricts.map((_, i) => `sub${i + 1}`), ...soes.map((_, i) => `soe${i + 1}`)]

export const DEMO_USERS: DemoUser[] = [
	{ username: 'admin', name: '周审计', unit: 'district', roles: ['admin'] },
	{ username: 'lecturer', name: '陈讲师', unit: 'district', roles: ['lecturer'] },
	{ username: 'mentor', name: '王导师', unit: 'district', roles: ['mentor', 'lecturer'] },
	{ username: 'learner', name: '李青年', unit: 'district', roles: ['learner'] },
	{ username: 'a0001', name: '赵管理', unit: 'district', roles: ['admin', 'lecturer'] },
	...Array.from({ length: 4 }, (_, i) => ({ username: `t${String(i + 1).padStart(4, '0')}`, name: personName(i + 100), unit: 'district', roles: ['lecturer'] as Role[] })),
	...Array.from({ length: 6 }, (_, i) => ({
		username: `m${String(i + 1).padStart(4, '0')}`,
		name: personName(i + 200),
		unit: i < 3 ? 'district' : `dept${i + 1}`,
		roles: (i % 2 === 0 ? ['mentor'] : ['mentor', 'learner']) as Role[],
	})),
	...Array.from({ length: 34 }, (_, i) => ({
		username: `s${String(i + 1).padStart(4, '0')}`,
		name: personName(i),
		unit: i < 10 ? 'district' : unitKeysForLearners[i % unitKeysForLearners.length]!,
		roles: ['learner'] as Role[],
		phone: `139${String(10000000 + i * 7919).slice(0, 8)}`,
	})),
]

export const DEMO_LOGINS = [
	{ role: '管理员', username: 'admin' },
	{ role: '讲师', username: 'lecturer' },
	{ role: '导师（兼讲师）', username: 'mentor' },
	{ role: '学员', username: 'learner' },
]

export function printDemoLogins(log: (line: string) => void = console.log) {
	log('演示账号（密码均为 ' + DEMO_PASSWORD + '）：')
	for (const login of DEMO_LOGINS) log(`  ${login.role.padEnd(8, '　')} 工号 ${login.username}`)
}
