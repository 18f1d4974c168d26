import type { Client } from 'pg';

/**
 * The five source documents (shared/seeds/) as real data: the agencies they name, every directive
 * with its number, date, issuer, signer and citations, and every numbered task with its lead unit,
 * coordinating units and deadline. Nothing here is invented beyond what the documents say; where a
 * document leaves a number or date blank (a draft), it stays blank.
 */

type Kind = 'PARTY_COMMITTEE' | 'PARTY_BOARD' | 'PEOPLES_COMMITTEE' | 'DEPARTMENT' | 'DIVISION' | 'CENTRE'
  | 'LOCAL_COMMITTEE' | 'UNION' | 'FATHERLAND_FRONT' | 'PRESS' | 'UNIVERSITY' | 'ENTERPRISE' | 'OTHER';

interface AgencySeed { key: string; name: string; shortName?: string; kind: Kind; parent?: string }
type Deadline = { kind: 'NONE' } | { kind: 'DATE'; date: string } | { kind: 'QUARTER'; year: number; quarter: number } | { kind: 'YEARLY'; month: number; day: number };
interface TaskSeed { title: string; content?: string; lead: string; coordinators?: string[]; deadline: Deadline }
interface DirectiveSeed {
  key: string;
  system: 'STATE' | 'PARTY';
  docType: 'CONCLUSION' | 'OFFICIAL_LETTER' | 'PLAN' | 'RESOLUTION' | 'DIRECTIVE' | 'DECISION' | 'REPORT' | 'PROPOSAL';
  number: number | null;
  symbol: string;
  issuer: string;
  issuedOn: string | null;
  partyTerm?: string;
  subject: string;
  signer?: string;
  recipients?: string[];
  summary?: string;
  cites?: string[];
  citesNational?: string[];
  tasks?: TaskSeed[];
}
interface ProvinceSeed { provinceId: number; agencies: AgencySeed[]; directives: DirectiveSeed[] }

const TERM = '2020–2025';
const YEARLY_REPORT: Deadline = { kind: 'YEARLY', month: 11, day: 15 };

const DONG_NAI: ProvinceSeed = {
  provinceId: 75,
  agencies: [
    { key: 'tu', name: 'Tỉnh ủy Đồng Nai', kind: 'PARTY_COMMITTEE' },
    { key: 'tttu', name: 'Thường trực Tỉnh ủy Đồng Nai', shortName: 'TTTU', kind: 'PARTY_COMMITTEE', parent: 'tu' },
    { key: 'btvtu', name: 'Ban Thường vụ Tỉnh ủy Đồng Nai', shortName: 'BTVTU', kind: 'PARTY_COMMITTEE', parent: 'tu' },
    { key: 'btg', name: 'Ban Tuyên giáo Tỉnh ủy Đồng Nai', shortName: 'BTG', kind: 'PARTY_BOARD', parent: 'tu' },
    { key: 'bcs', name: 'Ban Cán sự đảng UBND tỉnh Đồng Nai', shortName: 'BCS đảng UBND', kind: 'PARTY_BOARD', parent: 'tu' },
    { key: 'dd-lhh', name: 'Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Đồng Nai', shortName: 'Đảng đoàn LHH', kind: 'PARTY_BOARD', parent: 'tu' },
    { key: 'ubnd', name: 'Ủy ban nhân dân tỉnh Đồng Nai', shortName: 'UBND tỉnh', kind: 'PEOPLES_COMMITTEE' },
    { key: 'skhcn', name: 'Sở Khoa học và Công nghệ Đồng Nai', shortName: 'Sở KH&CN', kind: 'DEPARTMENT', parent: 'ubnd' },
    { key: 'qlkh', name: 'Phòng Quản lý Khoa học (Sở KH&CN Đồng Nai)', shortName: 'Phòng QLKH', kind: 'DIVISION', parent: 'skhcn' },
    { key: 'qlcn', name: 'Phòng Quản lý Chuyên ngành (Sở KH&CN Đồng Nai)', shortName: 'Phòng QLCN', kind: 'DIVISION', parent: 'skhcn' },
    { key: 'khtc', name: 'Phòng Kế hoạch Tài chính (Sở KH&CN Đồng Nai)', shortName: 'Phòng KHTC', kind: 'DIVISION', parent: 'skhcn' },
    { key: 'ttkhcn', name: 'Trung tâm Khoa học và Công nghệ Đồng Nai', shortName: 'Trung tâm KH&CN', kind: 'CENTRE', parent: 'skhcn' },
    { key: 'svhttdl', name: 'Sở Văn hóa, Thể thao và Du lịch Đồng Nai', shortName: 'Sở VHTTDL', kind: 'DEPARTMENT', parent: 'ubnd' },
    { key: 'sgddt', name: 'Sở Giáo dục và Đào tạo Đồng Nai', shortName: 'Sở GD&ĐT', kind: 'DEPARTMENT', parent: 'ubnd' },
    { key: 'stc', name: 'Sở Tài chính Đồng Nai', shortName: 'Sở Tài chính', kind: 'DEPARTMENT', parent: 'ubnd' },
    { key: 'bqlkcn', name: 'Ban Quản lý các Khu công nghiệp Đồng Nai', shortName: 'BQL các KCN', kind: 'DEPARTMENT', parent: 'ubnd' },
    { key: 'sbn', name: 'Các sở, ban, ngành tỉnh Đồng Nai', shortName: 'Các sở, ban, ngành', kind: 'OTHER' },
    { key: 'ubnd-huyen', name: 'UBND các huyện, thành phố (Đồng Nai)', shortName: 'UBND cấp huyện', kind: 'LOCAL_COMMITTEE' },
    { key: 'lhh', name: 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Đồng Nai', shortName: 'Liên hiệp Hội', kind: 'UNION' },
    { key: 'mttq', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai', shortName: 'UB MTTQ tỉnh', kind: 'FATHERLAND_FRONT' },
    { key: 'dhqg', name: 'Đại học Quốc gia Thành phố Hồ Chí Minh', shortName: 'ĐHQG-HCM', kind: 'UNIVERSITY' },
  ],
  directives: [
    {
      key: '463', system: 'PARTY', docType: 'CONCLUSION', number: 463, symbol: 'KL/TU', issuer: 'tttu', issuedOn: '2023-11-17', partyTerm: TERM,
      subject: 'Kết luận của Tập thể Thường trực Tỉnh ủy tại buổi làm việc với Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
      signer: 'Hồ Thanh Sơn (T/M Ban Thường vụ, Phó Bí thư)',
      recipients: ['Các đ/c Thường vụ Tỉnh ủy', 'Các đơn vị dự họp', 'BCS đảng UBND tỉnh', 'Ban Tuyên giáo Tỉnh ủy', 'VP.UBND tỉnh', 'Đảng đoàn Liên hiệp các Hội KHKT'],
      summary: 'Buổi làm việc ngày 08/11/2023. Kết quả 2023: 05 nhiệm vụ chuyên môn (tuyên truyền phổ biến kiến thức, hội thi, nghiên cứu và hội thảo, tư vấn phản biện giám định xã hội, tập hợp trí thức). Hạn chế: ít sản phẩm sáng tạo; ứng dụng, nhân rộng đề tài chưa rõ nét; chưa có cơ chế thu hút trí thức trẻ, trí thức trong doanh nghiệp, chuyên gia đầu ngành.',
      tasks: [
        { title: 'Xây dựng chính sách đãi ngộ, cơ chế phát huy năng lực sáng tạo của chuyên gia, trí thức KH&CN; đưa kết quả nghiên cứu, tài sản trí tuệ từ ngân sách nhà nước vào sản xuất, kinh doanh', lead: 'bcs', deadline: { kind: 'DATE', date: '2024-12-31' } },
        { title: 'Nêu nhu cầu nghiên cứu KH&CN của tỉnh (xử lý rác thải, bảo vệ sông ngòi, phủ xanh đô thị, phát triển con người); tạo điều kiện về trụ sở; hằng năm đặt hàng Liên hiệp Hội và các Hội thành viên', lead: 'bcs', deadline: { kind: 'DATE', date: '2024-12-31' } },
        { title: 'Động viên, hỗ trợ đội ngũ trí thức nghiên cứu, sáng tạo; nâng số lượng, chất lượng đề tài', lead: 'dd-lhh', deadline: { kind: 'DATE', date: '2024-12-31' } },
        { title: 'Hằng năm tổ chức gặp mặt, tôn vinh trí thức, doanh nghiệp KH&CN tiêu biểu', lead: 'dd-lhh', coordinators: ['sbn'], deadline: { kind: 'DATE', date: '2024-12-31' } },
        { title: 'Phối hợp Ủy ban MTTQ tỉnh trong hoạt động tư vấn, phản biện và giám sát xã hội', lead: 'dd-lhh', coordinators: ['mttq'], deadline: { kind: 'DATE', date: '2024-12-31' } },
        { title: 'Kiện toàn, củng cố các Hội thành viên', lead: 'dd-lhh', deadline: { kind: 'DATE', date: '2024-12-31' } },
        { title: 'Tham mưu nghị quyết của Ban Chấp hành Đảng bộ tỉnh thực hiện Hội nghị Trung ương 8 khóa XIII về đội ngũ trí thức; trình Thường trực Tỉnh ủy', lead: 'btg', coordinators: ['bcs'], deadline: { kind: 'DATE', date: '2023-12-31' } },
      ],
    },
    {
      key: '2640', system: 'STATE', docType: 'OFFICIAL_LETTER', number: 2640, symbol: 'UBND-KGVX', issuer: 'ubnd', issuedOn: '2023-11-24',
      subject: 'Thực hiện Kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Đảng đoàn Liên hiệp các hội Khoa học và Kỹ thuật tỉnh',
      signer: 'Nguyễn Thị Hoàng (KT. Chủ tịch, Phó Chủ tịch)', recipients: ['Sở Khoa học và Công nghệ'], cites: ['463'],
      tasks: [
        { title: 'Nghiên cứu chỉ đạo của Thường trực Tỉnh ủy tại Kết luận 463-KL/TU, tham mưu UBND tỉnh chỉ đạo thực hiện; báo cáo kết quả cho UBND tỉnh', lead: 'skhcn', coordinators: ['sbn'], deadline: { kind: 'DATE', date: '2023-12-05' } },
      ],
    },
    {
      key: '1394', system: 'STATE', docType: 'OFFICIAL_LETTER', number: 1394, symbol: 'UBND-KGVX', issuer: 'ubnd', issuedOn: '2024-02-05',
      subject: 'Triển khai thực hiện Kết luận số 463-KL/TU ngày 17/11/2023 của Thường trực Tỉnh ủy tại buổi làm việc với Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
      summary: 'Văn bản được trích dẫn trong Kế hoạch của Sở KH&CN (2024); toàn văn không có trong tài liệu nguồn.', cites: ['463'],
    },
    {
      key: 'kh-skhcn-2024', system: 'STATE', docType: 'PLAN', number: null, symbol: 'KH-SKHCN', issuer: 'skhcn', issuedOn: null,
      subject: 'Tổ chức thực hiện Kết luận số 463-KL/TU ngày 17/11/2023 của Thường trực Tỉnh ủy Đồng Nai tại buổi làm việc với Đảng đoàn Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Đồng Nai',
      signer: 'Đoàn Tấn Đạt (KT. Giám đốc, Phó Giám đốc)', recipients: ['Các phòng, đơn vị, Trung tâm thuộc Sở', 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Đồng Nai'],
      summary: 'Dự thảo năm 2024 (chưa có số). Thời gian thực hiện: thường xuyên hằng năm; các đơn vị báo cáo Phòng Quản lý Khoa học trước ngày 15/11 hằng năm để tổng hợp báo cáo UBND tỉnh.',
      cites: ['463', '1394'],
      tasks: [
        { title: 'Đẩy mạnh công tác thông tin, tuyên truyền Kết luận 463-KL/TU', lead: 'ttkhcn', coordinators: ['btg', 'sbn', 'ubnd-huyen', 'mttq', 'lhh'], deadline: YEARLY_REPORT },
        { title: 'Rà soát quy định của Trung ương và hiện hành để xây dựng chính sách đãi ngộ, cơ chế phát huy năng lực sáng tạo của chuyên gia, trí thức KH&CN', lead: 'qlkh', coordinators: ['lhh'], deadline: { kind: 'QUARTER', year: 2024, quarter: 1 } },
        { title: 'Hỗ trợ đổi mới công nghệ, thương mại hóa kết quả nghiên cứu; thúc đẩy ứng dụng kết quả nghiên cứu, tài sản trí tuệ từ ngân sách nhà nước vào sản xuất, kinh doanh', lead: 'qlcn', coordinators: ['sbn', 'ubnd-huyen'], deadline: YEARLY_REPORT },
        { title: 'Hằng năm đặt hàng Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh và các Hội thành viên theo các lĩnh vực tỉnh quan tâm', lead: 'qlkh', coordinators: ['sbn', 'lhh'], deadline: YEARLY_REPORT },
        { title: 'Nêu các nhu cầu nghiên cứu KH&CN của tỉnh để định hướng nghiên cứu (xử lý rác thải, bảo vệ sông ngòi, phủ xanh đô thị, phát triển con người)', lead: 'qlkh', coordinators: ['sbn', 'lhh'], deadline: YEARLY_REPORT },
        { title: 'Cân đối, bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch; hướng dẫn cơ chế tài chính', lead: 'khtc', deadline: YEARLY_REPORT },
        { title: 'Theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp báo cáo UBND tỉnh', lead: 'qlkh', deadline: YEARLY_REPORT },
      ],
    },
    {
      key: '433', system: 'PARTY', docType: 'PLAN', number: 433, symbol: 'KH/TU', issuer: 'btvtu', issuedOn: '2025-02-28', partyTerm: TERM,
      subject: 'Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia trên địa bàn tỉnh Đồng Nai',
      summary: 'Văn bản được trích dẫn; toàn văn không có trong tài liệu nguồn.', citesNational: ['57-NQ/TW'],
    },
    {
      key: '92', system: 'STATE', docType: 'PLAN', number: 92, symbol: 'KH-UBND', issuer: 'ubnd', issuedOn: null,
      subject: 'Kế hoạch của UBND tỉnh thực hiện Nghị quyết số 57-NQ/TW',
      summary: 'Văn bản được trích dẫn (không rõ ngày ban hành); toàn văn không có trong tài liệu nguồn.', citesNational: ['57-NQ/TW'],
    },
    {
      key: 'ubnd-2025', system: 'STATE', docType: 'OFFICIAL_LETTER', number: null, symbol: 'UBND-KGVX', issuer: 'ubnd', issuedOn: null,
      subject: 'Triển khai hiệu quả các nhiệm vụ khoa học và công nghệ gắn với Nghị quyết số 57-NQ/TW, Kế hoạch số 433-KH/TU và Kế hoạch số 92/KH-UBND',
      signer: 'Dương Minh Dũng (KT. Chủ tịch, Phó Chủ tịch)', recipients: ['Thủ trưởng các sở, ban, ngành thuộc tỉnh', 'Chủ tịch UBND các huyện, thành phố'],
      summary: 'Sau Hội nghị lần thứ 19 Ban Chấp hành Đảng bộ tỉnh (08/4/2025). Hạn chế nêu ra: đề tài chưa xuất phát từ nhu cầu thực tiễn; doanh nghiệp ít tham gia; triển khai kéo dài, chậm tiến độ; phối hợp chưa hiệu quả; tỷ lệ ứng dụng kết quả nghiên cứu vào thực tiễn còn hạn chế; đánh giá hiệu quả ứng dụng chưa toàn diện.',
      cites: ['433', '92'], citesNational: ['57-NQ/TW'],
      tasks: [
        { title: 'Nghiên cứu báo cáo của Sở KH&CN về hạn chế trong triển khai nhiệm vụ KH&CN; quán triệt Nghị quyết 57-NQ/TW', lead: 'sbn', coordinators: ['ubnd-huyen'], deadline: { kind: 'NONE' } },
        { title: 'Bổ sung mục tiêu, nhiệm vụ KH&CN, đổi mới sáng tạo, chuyển đổi số vào kế hoạch phát triển kinh tế - xã hội; rà soát, đăng ký, đề xuất nhiệm vụ KH&CN năm 2025', lead: 'sbn', coordinators: ['ubnd-huyen'], deadline: { kind: 'DATE', date: '2025-12-31' } },
        { title: 'Phối hợp Sở KH&CN đề xuất cơ chế khuyến khích doanh nghiệp đầu tư nghiên cứu, chuyển giao công nghệ; liên kết trường, viện với doanh nghiệp', lead: 'sbn', coordinators: ['skhcn'], deadline: { kind: 'NONE' } },
        { title: 'Đôn đốc, theo dõi, tổng hợp kết quả triển khai nhiệm vụ KH&CN; định kỳ báo cáo Ban Chỉ đạo 57 tỉnh', lead: 'skhcn', deadline: { kind: 'NONE' } },
      ],
    },
    {
      key: 'skhcn-2025', system: 'STATE', docType: 'PROPOSAL', number: null, symbol: 'SKHCN-CN', issuer: 'skhcn', issuedOn: null,
      subject: 'Đẩy mạnh tuyên truyền Nghị quyết số 57-NQ/TW, Nghị quyết số 03/NQ-CP và Kế hoạch số 433-KH/TU về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
      signer: 'Tạ Quang Trường (Giám đốc)', recipients: ['Chủ tịch Ủy ban nhân dân tỉnh'],
      summary: 'Dự thảo năm 2025 (chưa có số). Gần 3 tháng triển khai nhưng tiến độ còn chậm; nhiều đơn vị chưa chủ động đề xuất nhiệm vụ.',
      cites: ['433'], citesNational: ['57-NQ/TW', '03/NQ-CP'],
      tasks: [
        { title: 'Phối hợp ĐHQG-HCM tổ chức hội thảo khoa học triển khai Nghị quyết 57-NQ/TW và bồi dưỡng chuyên đề ứng dụng AI (trực tuyến) cho cán bộ, công chức, viên chức', lead: 'skhcn', coordinators: ['dhqg'], deadline: { kind: 'NONE' } },
        { title: 'Xây dựng kế hoạch tuyên truyền thường xuyên, sâu rộng Nghị quyết 57-NQ/TW, Nghị quyết 03/NQ-CP, Kế hoạch 433-KH/TU', lead: 'svhttdl', deadline: { kind: 'NONE' } },
        { title: 'Hội thảo lan tỏa Nghị quyết 57-NQ/TW với các doanh nghiệp công nghệ, viễn thông; gửi kết quả về Sở KH&CN', lead: 'skhcn', deadline: { kind: 'DATE', date: '2025-04-30' } },
        { title: 'Hội thảo lan tỏa Nghị quyết 57-NQ/TW với các cơ sở đào tạo trong và ngoài nước; gửi kết quả về Sở KH&CN', lead: 'sgddt', coordinators: ['skhcn'], deadline: { kind: 'DATE', date: '2025-04-30' } },
        { title: 'Hội thảo lan tỏa Nghị quyết 57-NQ/TW với các doanh nghiệp trong khu công nghiệp; gửi kết quả về Sở KH&CN', lead: 'bqlkcn', coordinators: ['skhcn'], deadline: { kind: 'DATE', date: '2025-04-30' } },
        { title: 'Hội thảo lan tỏa Nghị quyết 57-NQ/TW với các doanh nghiệp vừa và nhỏ; gửi kết quả về Sở KH&CN', lead: 'stc', coordinators: ['skhcn'], deadline: { kind: 'DATE', date: '2025-04-30' } },
      ],
    },
  ],
};

const BINH_DUONG: ProvinceSeed = {
  provinceId: 74,
  agencies: [
    { key: 'tu', name: 'Tỉnh ủy Bình Dương', kind: 'PARTY_COMMITTEE' },
    { key: 'btvtu', name: 'Ban Thường vụ Tỉnh ủy Bình Dương', shortName: 'BTVTU', kind: 'PARTY_COMMITTEE', parent: 'tu' },
    { key: 'capuy', name: 'Các cấp ủy đảng trực thuộc Tỉnh ủy Bình Dương', kind: 'PARTY_COMMITTEE', parent: 'tu' },
    { key: 'btgdv', name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Bình Dương', shortName: 'Ban TG&DV', kind: 'PARTY_BOARD', parent: 'tu' },
    { key: 'ducqd', name: 'Đảng ủy các cơ quan Đảng tỉnh Bình Dương', kind: 'PARTY_BOARD', parent: 'tu' },
    { key: 'du-ubnd', name: 'Đảng ủy UBND tỉnh Bình Dương', shortName: 'Đảng ủy UBND', kind: 'PARTY_BOARD', parent: 'tu' },
    { key: 'chiuy-lhh', name: 'Chi ủy Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bình Dương', shortName: 'Cấp ủy LHH', kind: 'PARTY_BOARD', parent: 'tu' },
    { key: 'ubnd', name: 'Ủy ban nhân dân tỉnh Bình Dương', shortName: 'UBND tỉnh', kind: 'PEOPLES_COMMITTEE' },
    { key: 'skhcn', name: 'Sở Khoa học và Công nghệ Bình Dương', shortName: 'Sở KH&CN', kind: 'DEPARTMENT', parent: 'ubnd' },
    { key: 'sbn', name: 'Các sở, ban, ngành tỉnh Bình Dương', shortName: 'Các sở, ban, ngành', kind: 'OTHER' },
    { key: 'ubnd-huyen', name: 'UBND các huyện, thành phố (Bình Dương)', shortName: 'UBND cấp huyện', kind: 'LOCAL_COMMITTEE' },
    { key: 'lhh', name: 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bình Dương', shortName: 'Liên hiệp Hội', kind: 'UNION' },
    { key: 'mttq', name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Dương', shortName: 'UB MTTQ tỉnh', kind: 'FATHERLAND_FRONT' },
    { key: 'bao', name: 'Báo Bình Dương', kind: 'PRESS' },
    { key: 'dai', name: 'Đài Phát thanh và Truyền hình Bình Dương', shortName: 'Đài PT-TH', kind: 'PRESS' },
  ],
  directives: [
    {
      key: '134', system: 'PARTY', docType: 'PLAN', number: 134, symbol: 'KH/TU', issuer: 'tu', issuedOn: '2024-03-14', partyTerm: TERM,
      subject: 'Thực hiện Nghị quyết số 45-NQ/TW ngày 24/11/2023 Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức',
      summary: 'Văn bản được trích dẫn; toàn văn không có trong tài liệu nguồn.', citesNational: ['45-NQ/TW'],
    },
    {
      key: '2386', system: 'PARTY', docType: 'DIRECTIVE', number: 2386, symbol: 'CT/TU', issuer: 'btvtu', issuedOn: '2025-02-26', partyTerm: TERM,
      subject: 'Tăng cường sự lãnh đạo đối với hoạt động của Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
      signer: 'Nguyễn Lộc Hà (T/M Ban Thường vụ, Phó Bí thư)',
      recipients: ['Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Đảng ủy các cơ quan Đảng tỉnh', 'Đảng ủy UBND tỉnh', 'Các huyện ủy, thành ủy'],
      cites: ['134'], citesNational: ['45-NQ/TW', '20-KH/TW', '9958-CV/BTGTW', '42-CT/TW', '93-KL/TW', '57-NQ/TW', '03/NQ-CP'],
      tasks: [
        { title: 'Tuyên truyền, quán triệt về vị trí, vai trò, tầm quan trọng của Liên hiệp Hội', lead: 'capuy', deadline: { kind: 'NONE' } },
        { title: 'Tiếp tục thực hiện Chỉ thị 42-CT/TW, Kết luận 93-KL/TW, Kế hoạch 134-KH/TU; xây dựng chương trình thu hút, trọng dụng, tôn vinh trí thức', lead: 'capuy', deadline: { kind: 'NONE' } },
        { title: 'Lãnh đạo UBND tỉnh chỉ đạo rà soát, bổ sung, hoàn thiện chính sách liên quan đến hoạt động của Liên hiệp Hội', lead: 'du-ubnd', deadline: { kind: 'NONE' } },
        { title: 'Đổi mới nội dung, phương thức hoạt động; kiện toàn tổ chức, phát triển hội viên; chuẩn bị và tổ chức thành công Đại hội nhiệm kỳ 2025–2030', lead: 'chiuy-lhh', deadline: { kind: 'DATE', date: '2025-12-31' } },
        { title: 'Phối hợp Liên hiệp Hội tạo điều kiện cho trí thức tham gia tư vấn, giám sát, phản biện, giám định xã hội', lead: 'mttq', coordinators: ['lhh'], deadline: { kind: 'NONE' } },
        { title: 'Thông tin, tuyên truyền về vai trò đội ngũ trí thức và các gương trí thức tiêu biểu', lead: 'bao', coordinators: ['dai'], deadline: { kind: 'NONE' } },
        { title: 'Chỉ đạo, định hướng thông tin tuyên truyền; theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ báo cáo Ban Thường vụ Tỉnh ủy', lead: 'btgdv', coordinators: ['skhcn'], deadline: { kind: 'NONE' } },
      ],
    },
    {
      key: '16', system: 'PARTY', docType: 'OFFICIAL_LETTER', number: 16, symbol: 'CV/ĐU', issuer: 'du-ubnd', issuedOn: '2025-02-27', partyTerm: TERM,
      subject: 'Công văn của Ban Thường vụ Đảng ủy UBND tỉnh về thực hiện văn bản số 2386-CT/TU',
      summary: 'Văn bản được trích dẫn trong Công văn 1391/UBND-VX; toàn văn không có trong tài liệu nguồn.', cites: ['2386'],
    },
    {
      key: '1391', system: 'STATE', docType: 'OFFICIAL_LETTER', number: 1391, symbol: 'UBND-VX', issuer: 'ubnd', issuedOn: '2025-03-13',
      subject: 'Tăng cường sự lãnh đạo đối với hoạt động của Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh',
      signer: 'Võ Văn Minh (Chủ tịch)', recipients: ['Các sở, ban, ngành', 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh', 'UBND các huyện, thành phố'],
      cites: ['2386', '16'],
      tasks: [
        { title: 'Rà soát, bổ sung, hoàn thiện các chính sách liên quan đến hoạt động của Liên hiệp Hội tỉnh; tạo điều kiện cho các tổ chức thành viên hoạt động', lead: 'sbn', coordinators: ['ubnd-huyen'], deadline: { kind: 'NONE' } },
        { title: 'Chủ động đề xuất chính sách thu hút, tập hợp trí thức, phát triển tổ chức và hội viên; chuyển Sở KH&CN tham mưu UBND tỉnh', lead: 'lhh', coordinators: ['skhcn'], deadline: { kind: 'NONE' } },
        { title: 'Theo dõi, đôn đốc, giám sát việc triển khai thực hiện', lead: 'skhcn', deadline: { kind: 'NONE' } },
      ],
    },
  ],
};

export const SOURCE_DOCUMENTS: ProvinceSeed[] = [DONG_NAI, BINH_DUONG];

/** Loads the source documents once (skipped when 463-KL/TU is already there). Runs as the owner. */
export async function loadSourceDocuments(db: Client): Promise<{ directives: number; tasks: number } | null> {
  const existing = await db.query(`SELECT 1 FROM directives WHERE province_id = 75 AND number = 463 AND symbol = 'KL/TU'`);
  if (existing.rowCount) return null;
  const national = new Map<string, number>(
    (await db.query('SELECT id, number_symbol FROM reference_documents')).rows.map((r) => [r.number_symbol, r.id]),
  );
  let directives = 0;
  let tasks = 0;
  for (const province of SOURCE_DOCUMENTS) {
    const agencyIds = new Map<string, string>();
    for (const a of province.agencies) {
      const r = await db.query(
        `INSERT INTO agencies (province_id, parent_id, kind, name, short_name) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [province.provinceId, a.parent ? agencyIds.get(a.parent) : null, a.kind, a.name, a.shortName ?? null],
      );
      agencyIds.set(a.key, r.rows[0].id);
    }
    const agency = (key: string) => {
      const id = agencyIds.get(key);
      if (!id) throw new Error(`source documents: unknown agency ${key}`);
      return id;
    };
    const directiveIds = new Map<string, string>();
    for (const d of province.directives) {
      const r = await db.query(
        `INSERT INTO directives (province_id, system, doc_type, number, symbol, issuer_agency_id, issued_on, party_term,
           subject, signer, recipients, summary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [province.provinceId, d.system, d.docType, d.number, d.symbol, agency(d.issuer), d.issuedOn, d.partyTerm ?? null,
          d.subject, d.signer ?? null, d.recipients ?? [], d.summary ?? null],
      );
      const id: string = r.rows[0].id;
      directiveIds.set(d.key, id);
      directives++;
      for (const cited of d.cites ?? []) {
        await db.query(`INSERT INTO directive_citations (province_id, directive_id, cited_directive_id) VALUES ($1, $2, $3)`,
          [province.provinceId, id, directiveIds.get(cited)]);
      }
      for (const ref of d.citesNational ?? []) {
        if (!national.has(ref)) throw new Error(`source documents: unknown national document ${ref}`);
        await db.query(`INSERT INTO directive_citations (province_id, directive_id, cited_reference_id) VALUES ($1, $2, $3)`,
          [province.provinceId, id, national.get(ref)]);
      }
      for (const [i, t] of (d.tasks ?? []).entries()) {
        const dl = t.deadline;
        const task = await db.query(
          `INSERT INTO directive_tasks (province_id, directive_id, seq, title, content, lead_agency_id, deadline_kind,
             deadline_date, deadline_year, deadline_quarter, deadline_month, deadline_day)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [province.provinceId, id, i + 1, t.title, t.content ?? null, agency(t.lead), dl.kind,
            dl.kind === 'DATE' ? dl.date : null, dl.kind === 'QUARTER' ? dl.year : null, dl.kind === 'QUARTER' ? dl.quarter : null,
            dl.kind === 'YEARLY' ? dl.month : null, dl.kind === 'YEARLY' ? dl.day : null],
        );
        tasks++;
        for (const c of t.coordinators ?? []) {
          await db.query(`INSERT INTO directive_task_coordinators (province_id, task_id, agency_id) VALUES ($1, $2, $3)`,
            [province.provinceId, task.rows[0].id, agency(c)]);
        }
      }
    }
  }
  return { directives, tasks };
}
