import { defineTemplate } from './template.js';

/** A place in a Japanese course opened and went to the resident, first on its waitlist. */
export const coursePlaceOffered = defineTemplate({
  purpose: 'COURSE_PLACE_OFFERED',
  code: 'course-place-offered-v1',
  placeholders: ['familyName', 'officeName', 'courseName', 'startDate'],
  texts: {
    ja: {
      subject: '日本語教室の受講が決まりました',
      body: `{{familyName}} 様

キャンセル待ちをされていた日本語教室「{{courseName}}」に空きが出たため、受講が決まりました。
受講開始日：{{startDate}}
受講できない場合は、{{officeName}}までご連絡ください。

{{officeName}}`,
    },
    'ja-x-easy': {
      subject: 'にほんごの きょうしつに はいれます',
      body: `{{familyName}} さん

にほんごの きょうしつ「{{courseName}}」に あきが できました。
あなたは この きょうしつに はいれます。
はじまる ひ：{{startDate}}
いけない ときは、 {{officeName}}に れんらく して ください。

{{officeName}}`,
    },
    en: {
      subject: 'A place in the Japanese course is yours',
      body: `Dear {{familyName}},

A place has opened in the Japanese language course "{{courseName}}", and it is now yours.
Start date: {{startDate}}
If you can no longer attend, please let {{officeName}} know.

{{officeName}}`,
    },
    vi: {
      subject: 'Bạn đã có chỗ trong lớp tiếng Nhật',
      body: `Kính gửi {{familyName}},

Lớp tiếng Nhật "{{courseName}}" mà bạn đang chờ đã có chỗ trống, và bạn đã được nhận vào lớp.
Ngày bắt đầu: {{startDate}}
Nếu bạn không thể tham gia, vui lòng báo cho {{officeName}}.

{{officeName}}`,
    },
    zh: {
      subject: '日语课程有空位了',
      body: `{{familyName}} 您好：

您候补的日语课程“{{courseName}}”出现了空位，您已获得该名额。
开始日期：{{startDate}}
如果您无法参加，请通知{{officeName}}。

{{officeName}}`,
    },
    pt: {
      subject: 'Há uma vaga para você no curso de japonês',
      body: `Prezado(a) {{familyName}},

Abriu uma vaga no curso de japonês "{{courseName}}", e ela é sua.
Início: {{startDate}}
Se você não puder participar, avise {{officeName}}.

{{officeName}}`,
    },
    tl: {
      subject: 'May puwesto na kayo sa kurso ng wikang Hapon',
      body: `Mahal na {{familyName}},

Nagkaroon ng bakanteng puwesto sa kurso ng wikang Hapon na "{{courseName}}", at ito ay para sa inyo na.
Petsa ng simula: {{startDate}}
Kung hindi kayo makakadalo, mangyaring ipaalam sa {{officeName}}.

{{officeName}}`,
    },
    ne: {
      subject: 'जापानी भाषा कक्षामा तपाईंका लागि ठाउँ खुलेको छ',
      body: `आदरणीय {{familyName}} ज्यू,

तपाईं प्रतीक्षामा रहनुभएको जापानी भाषा कक्षा "{{courseName}}" मा ठाउँ खुलेको छ, र त्यो ठाउँ अब तपाईंको हो।
सुरु हुने मिति: {{startDate}}
यदि तपाईं सहभागी हुन सक्नुहुन्न भने, कृपया {{officeName}} लाई जानकारी दिनुहोस्।

{{officeName}}`,
    },
    ko: {
      subject: '일본어 강좌에 자리가 났습니다',
      body: `{{familyName}} 님께

대기 중이시던 일본어 강좌 "{{courseName}}"에 자리가 나서 수강이 확정되었습니다.
시작일: {{startDate}}
수강할 수 없게 되면 {{officeName}}에 연락해 주십시오.

{{officeName}}`,
    },
    id: {
      subject: 'Ada tempat untuk Anda di kelas bahasa Jepang',
      body: `Yth. {{familyName}},

Ada tempat kosong di kelas bahasa Jepang "{{courseName}}", dan tempat itu sekarang untuk Anda.
Tanggal mulai: {{startDate}}
Jika Anda tidak dapat ikut, mohon beri tahu {{officeName}}.

{{officeName}}`,
    },
  },
});
