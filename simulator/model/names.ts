import type { Random } from '../random.ts'

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '欧阳', '司马', '诸葛']
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '婷', '浩然', '子涵', '梓萱', '一诺', '欣怡', '宇轩', '雨桐', '思远']
/**
 * Characters that break a latin1/utf8mb3 column (domain.md, story 2): outside
 * the basic plane (4-byte UTF-8) or rare CJK. Real names do carry them.
 */
export const RARE_CHARACTERS = ['𠮷', '龘', '䶮', '𡒄', '堃', '喆', '𬌗', '𪚥', '㵘', '昇', '𫍽', '𬱖', '𡎚']

const PROVINCES: { name: string; cities: string[]; region: string }[] = [
  { name: '浙江省', cities: ['杭州市', '宁波市', '温州市', '金华市'], region: 'east' },
  { name: '江苏省', cities: ['南京市', '苏州市', '无锡市', '常州市'], region: 'east' },
  { name: '上海市', cities: ['浦东新区', '闵行区', '徐汇区'], region: 'east' },
  { name: '广东省', cities: ['广州市', '深圳市', '东莞市', '佛山市'], region: 'south' },
  { name: '福建省', cities: ['福州市', '厦门市', '泉州市'], region: 'south' },
  { name: '北京市', cities: ['朝阳区', '海淀区', '丰台区'], region: 'north' },
  { name: '山东省', cities: ['济南市', '青岛市', '烟台市'], region: 'north' },
  { name: '河北省', cities: ['石家庄市', '保定市', '唐山市'], region: 'north' },
  { name: '四川省', cities: ['成都市', '绵阳市'], region: 'west' },
  { name: '重庆市', cities: ['渝北区', '江北区'], region: 'west' },
  { name: '湖北省', cities: ['武汉市', '宜昌市'], region: 'central' },
  { name: '河南省', cities: ['郑州市', '洛阳市'], region: 'central' },
  { name: '新疆维吾尔自治区', cities: ['乌鲁木齐市', '喀什市'], region: 'remote' },
  { name: '西藏自治区', cities: ['拉萨市'], region: 'remote' },
]
const PROVINCE_WEIGHTS = [14, 13, 10, 16, 7, 9, 8, 5, 6, 4, 4, 4, 0.6, 0.3]
const STREETS = ['人民路', '解放路', '中山路', '建设路', '文三路', '长江路', '学院路', '滨江大道', '科技园路', '新华街']

export interface Consignee {
  name: string
  phone: string
  address: string
  province: string
  region: string
  hasRareCharacter: boolean
}

export function consignee(random: Random, rareShare: number): Consignee {
  const hasRareCharacter = random.chance(rareShare)
  const given = random.pick(GIVEN)
  const name = random.pick(SURNAMES) + (hasRareCharacter ? (random.chance(0.5) ? random.pick(RARE_CHARACTERS) + given.slice(0, 1) : given.slice(0, 1) + random.pick(RARE_CHARACTERS)) : given)
  const p = random.weighted(PROVINCES, PROVINCE_WEIGHTS)
  const address = `${p.name}${random.pick(p.cities)}${random.pick(STREETS)}${random.int(1, 999)}号${random.int(1, 30)}幢${random.int(101, 2808)}室`
  const phone = `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`
  return { name, phone, address, province: p.name, region: p.region, hasRareCharacter }
}

export function hasRareCharacter(text: string): boolean {
  for (const ch of text) {
    if (ch.codePointAt(0)! > 0xffff || RARE_CHARACTERS.includes(ch)) return true
  }
  return false
}
