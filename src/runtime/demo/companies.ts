/** Company names, regions, addresses and e-mail domains that read like a real Chinese client list. */
import { DEFAULT_OPTION_LISTS, foldKey } from '../../schema';
import { cumulative, type Rng } from './random';

export interface Region {
  /** Stored in the region column: 省 + 市, or just the municipality. */
  region: string;
  /** City name as companies put it in their names. */
  city: string;
  areaCode: string;
  districts: readonly string[];
}

const r = (region: string, city: string, areaCode: string, districts: string, weight: number) => ({
  region,
  city,
  areaCode,
  districts: districts.split(' '),
  weight,
});

const REGIONS = [
  r('北京市', '北京', '010', '海淀区 朝阳区 东城区 丰台区 昌平区', 12),
  r('上海市', '上海', '021', '浦东新区 徐汇区 闵行区 静安区 长宁区', 12),
  r('广东省深圳市', '深圳', '0755', '南山区 福田区 宝安区 龙岗区', 10),
  r('广东省广州市', '广州', '020', '天河区 海珠区 番禺区 黄埔区', 9),
  r('浙江省杭州市', '杭州', '0571', '西湖区 滨江区 余杭区 拱墅区', 9),
  r('江苏省苏州市', '苏州', '0512', '工业园区 姑苏区 吴中区 相城区', 6),
  r('江苏省南京市', '南京', '025', '玄武区 鼓楼区 江宁区 建邺区', 6),
  r('四川省成都市', '成都', '028', '高新区 武侯区 锦江区 成华区', 6),
  r('湖北省武汉市', '武汉', '027', '洪山区 江汉区 武昌区 汉阳区', 5),
  r('天津市', '天津', '022', '滨海新区 南开区 和平区 河西区', 4),
  r('重庆市', '重庆', '023', '渝北区 江北区 九龙坡区 南岸区', 4),
  r('陕西省西安市', '西安', '029', '雁塔区 未央区 碑林区', 4),
  r('浙江省宁波市', '宁波', '0574', '鄞州区 海曙区 北仑区', 3),
  r('浙江省温州市', '温州', '0577', '鹿城区 瓯海区 龙湾区', 2),
  r('江苏省无锡市', '无锡', '0510', '滨湖区 新吴区 梁溪区', 3),
  r('广东省东莞市', '东莞', '0769', '南城街道 松山湖 长安镇', 3),
  r('广东省佛山市', '佛山', '0757', '禅城区 南海区 顺德区', 3),
  r('湖南省长沙市', '长沙', '0731', '岳麓区 芙蓉区 天心区', 3),
  r('山东省济南市', '济南', '0531', '历下区 槐荫区 历城区', 3),
  r('山东省青岛市', '青岛', '0532', '市南区 崂山区 黄岛区', 3),
  r('福建省福州市', '福州', '0591', '鼓楼区 仓山区 台江区', 2),
  r('福建省厦门市', '厦门', '0592', '思明区 湖里区 集美区', 2),
  r('河南省郑州市', '郑州', '0371', '金水区 二七区 中原区', 3),
  r('安徽省合肥市', '合肥', '0551', '蜀山区 包河区 庐阳区', 3),
  r('辽宁省沈阳市', '沈阳', '024', '和平区 浑南区 沈河区', 2),
  r('辽宁省大连市', '大连', '0411', '中山区 甘井子区 沙河口区', 2),
  r('河北省石家庄市', '石家庄', '0311', '长安区 桥西区 裕华区', 2),
  r('江西省南昌市', '南昌', '0791', '红谷滩区 东湖区 西湖区', 2),
  r('云南省昆明市', '昆明', '0871', '五华区 盘龙区 官渡区', 2),
  r('广西壮族自治区南宁市', '南宁', '0771', '青秀区 西乡塘区 良庆区', 1),
  r('山西省太原市', '太原', '0351', '小店区 迎泽区 杏花岭区', 1),
  r('吉林省长春市', '长春', '0431', '朝阳区 南关区 绿园区', 1),
  r('黑龙江省哈尔滨市', '哈尔滨', '0451', '南岗区 道里区 香坊区', 1),
  r('贵州省贵阳市', '贵阳', '0851', '观山湖区 云岩区 南明区', 1),
  r('海南省海口市', '海口', '0898', '龙华区 美兰区 秀英区', 1),
  r('甘肃省兰州市', '兰州', '0931', '城关区 七里河区 安宁区', 1),
  r('内蒙古自治区呼和浩特市', '呼和浩特', '0471', '新城区 赛罕区 回民区', 1),
  r('新疆维吾尔自治区乌鲁木齐市', '乌鲁木齐', '0991', '天山区 沙依巴克区 新市区', 1),
];
const REGION_WEIGHTS = cumulative(REGIONS.map((x) => x.weight));

/** Area code per stored region value, e.g. 浙江省杭州市 → 0571. */
export const AREA_CODES: ReadonlyMap<string, string> = new Map(REGIONS.map((x) => [x.region, x.areaCode]));

export function pickRegion(rng: Rng): Region {
  return REGIONS[rng.weighted(REGION_WEIGHTS)];
}

const ROADS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '科技路',
  '创业大道',
  '长江路',
  '黄河路',
  '文化路',
  '学院路',
  '滨江大道',
  '工业大道',
  '高新大道',
  '金融街',
  '世纪大道',
  '东风路',
  '和平路',
  '新华路',
  '光明路',
  '迎宾大道',
];

export function address(rng: Rng, region: Region): string {
  const building = rng.chance(0.4) ? `${rng.pick(['创新', '国际', '科技', '金融', '商务'])}大厦${rng.int(2, 28)}层` : '';
  return `${region.region}${rng.pick(region.districts)}${rng.pick(ROADS)}${rng.int(1, 999)}号${building}`;
}

type Syllable = readonly [string, string];
const split = (s: string): Syllable[] => s.split(' ').map((p) => p.split(':') as unknown as Syllable);
const BRAND_FIRST = split(
  '云:yun 华:hua 中:zhong 新:xin 恒:heng 瑞:rui 博:bo 鼎:ding 金:jin 天:tian 海:hai 盛:sheng 宏:hong 泰:tai 正:zheng 远:yuan 创:chuang 嘉:jia 汇:hui 联:lian 信:xin 安:an 达:da 德:de 东:dong 方:fang 晨:chen 光:guang 明:ming 启:qi 星:xing 锐:rui 智:zhi 易:yi 卓:zhuo 昊:hao 睿:rui 腾:teng 飞:fei 九:jiu 万:wan 长:chang 永:yong 宇:yu 凯:kai 朗:lang 至:zhi 优:you 合:he 思:si',
);
const BRAND_SECOND = split(
  '帆:fan 辰:chen 科:ke 通:tong 宇:yu 达:da 源:yuan 泽:ze 峰:feng 润:run 鑫:xin 邦:bang 成:cheng 航:hang 杰:jie 越:yue 晟:sheng 拓:tuo 图:tu 驰:chi 诺:nuo 维:wei 迅:xun 捷:jie 兴:xing 隆:long 丰:feng 恒:heng 安:an 华:hua 弘:hong 盈:ying 康:kang 利:li 信:xin 力:li 石:shi 桥:qiao 川:chuan 途:tu',
);

/** Industry (a value of the default industry list), the words companies in it use, and a weight. */
const PROFILES: readonly { industry: string; words: readonly string[]; weight: number }[] = [
  { industry: '软件和信息技术服务业', words: ['信息技术', '软件', '数据科技', '网络科技', '智能科技', '数字科技'], weight: 14 },
  { industry: '互联网和相关服务', words: ['网络科技', '互联网科技', '电子商务'], weight: 6 },
  { industry: '信息传输、软件和信息技术服务业', words: ['信息科技', '通信技术', '系统集成'], weight: 4 },
  { industry: '计算机、通信和其他电子设备制造业', words: ['电子', '微电子', '光电科技', '通信设备'], weight: 6 },
  { industry: '汽车制造业', words: ['汽车零部件', '汽车配件', '新能源汽车'], weight: 4 },
  { industry: '医药制造业', words: ['医药', '生物医药', '制药'], weight: 4 },
  { industry: '专用设备制造业', words: ['机械设备', '自动化设备', '智能装备'], weight: 5 },
  { industry: '通用设备制造业', words: ['机械', '精密机械', '流体设备'], weight: 4 },
  { industry: '电气机械和器材制造业', words: ['电气', '电器', '电力设备'], weight: 4 },
  { industry: '化学原料和化学制品制造业', words: ['化工', '新材料', '精细化工'], weight: 3 },
  { industry: '食品制造业', words: ['食品', '乳业', '调味品'], weight: 3 },
  { industry: '纺织业', words: ['纺织', '服饰', '家纺'], weight: 2 },
  { industry: '制造业', words: ['实业', '制造', '工业'], weight: 5 },
  { industry: '建筑业', words: ['建设工程', '建筑工程', '装饰工程'], weight: 4 },
  { industry: '批发和零售业', words: ['贸易', '商贸', '商业连锁'], weight: 4 },
  { industry: '批发业', words: ['供应链管理', '进出口贸易'], weight: 2 },
  { industry: '零售业', words: ['连锁超市', '百货', '零售'], weight: 2 },
  { industry: '交通运输、仓储和邮政业', words: ['物流', '仓储服务', '供应链'], weight: 3 },
  { industry: '道路运输业', words: ['运输', '货运', '客运'], weight: 1 },
  { industry: '住宿和餐饮业', words: ['餐饮管理', '酒店管理'], weight: 2 },
  { industry: '金融业', words: ['投资管理', '金融服务'], weight: 2 },
  { industry: '资本市场服务', words: ['资产管理', '投资咨询'], weight: 1 },
  { industry: '保险业', words: ['保险代理', '保险经纪'], weight: 1 },
  { industry: '房地产业', words: ['置业', '房地产开发', '物业服务'], weight: 3 },
  { industry: '租赁和商务服务业', words: ['企业管理咨询', '融资租赁', '人力资源'], weight: 3 },
  { industry: '商务服务业', words: ['商务服务', '广告传媒', '会展服务'], weight: 2 },
  { industry: '科学研究和技术服务业', words: ['检测技术', '工程技术', '环境科技'], weight: 3 },
  { industry: '专业技术服务业', words: ['设计咨询', '工程设计', '认证服务'], weight: 2 },
  { industry: '电力、热力、燃气及水生产和供应业', words: ['能源', '燃气', '水务'], weight: 2 },
  { industry: '教育', words: ['教育科技', '职业培训', '文化教育'], weight: 2 },
  { industry: '卫生和社会工作', words: ['医疗科技', '健康管理', '医疗器械'], weight: 2 },
  { industry: '文化、体育和娱乐业', words: ['文化传媒', '影视', '体育文化'], weight: 2 },
  { industry: '农、林、牧、渔业', words: ['农业科技', '农牧', '生态农业'], weight: 1 },
  { industry: '电信、广播电视和卫星传输服务', words: ['通信', '广电网络'], weight: 1 },
  { industry: '水利、环境和公共设施管理业', words: ['环保科技', '环境工程'], weight: 1 },
  { industry: '居民服务、修理和其他服务业', words: ['家政服务', '设备维修'], weight: 1 },
  { industry: '采矿业', words: ['矿业', '矿产资源'], weight: 1 },
];
const PROFILE_WEIGHTS = cumulative(PROFILES.map((p) => p.weight));
const KNOWN_INDUSTRIES = new Set(DEFAULT_OPTION_LISTS.industry.map((o) => o.value));
for (const p of PROFILES) if (!KNOWN_INDUSTRIES.has(p.industry)) throw new Error(`Demo industry not in the default list: ${p.industry}`);

const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司'] as const;
const SUFFIX_WEIGHTS = cumulative([75, 18, 7]);
const DOMAIN_ENDINGS = ['.com', '.com.cn', '.cn', '-tech.com', 'group.com'] as const;

export interface Company {
  name: string;
  /** Short name people use (brand + industry word), e.g. 云帆信息技术. */
  shortName: string;
  industry: string;
  region: Region;
  domain: string;
}

/** A company name not yet in `taken` (folded: case and spaces ignored); the caller adds it. */
export function company(rng: Rng, taken: Set<string>): Company {
  for (;;) {
    const region = pickRegion(rng);
    const profile = PROFILES[rng.weighted(PROFILE_WEIGHTS)];
    const [b1, p1] = rng.pick(BRAND_FIRST);
    let [b2, p2] = rng.pick(BRAND_SECOND);
    if (b2 === b1) [b2, p2] = BRAND_SECOND[0];
    const word = rng.pick(profile.words);
    const suffix = SUFFIXES[rng.weighted(SUFFIX_WEIGHTS)];
    const brand = b1 + b2;
    const name = rng.chance(0.1) ? `${brand}${word}（${region.city}）${suffix}` : `${region.city}${brand}${word}${suffix}`;
    const key = foldKey(name);
    if (taken.has(key)) continue;
    taken.add(key);
    return { name, shortName: brand + word, industry: profile.industry, region, domain: p1 + p2 + rng.pick(DOMAIN_ENDINGS) };
  }
}
