import { defineTemplate } from './template.js';

/** A child reaches school age: public school is open to foreign children (就学案内). */
export const schoolGuide = defineTemplate({
  purpose: 'SCHOOL_GUIDE',
  code: 'school-guide-v1',
  placeholders: ['familyName', 'officeName', 'childName', 'entryDate'],
  texts: {
    ja: {
      subject: '小学校・中学校への入学のご案内',
      body: `{{familyName}} 様

{{childName}} さんは {{entryDate}} から学校に入学できます。
外国籍のお子さんも、希望すれば公立の小学校・中学校に通うことができます。授業料と教科書は無料です。
入学を希望される場合は、{{officeName}}にお申し込みください。
わからないことがあれば、お気軽にご相談ください。

{{officeName}}`,
    },
    'ja-x-easy': {
      subject: 'こどもの がっこうの おしらせ',
      body: `{{familyName}} さん

{{childName}} さんは {{entryDate}} から がっこうに はいれます。
がいこくじんの こどもも にほんの がっこうに いけます。
じゅぎょうりょうと きょうかしょは おかねが いりません。
がっこうに いきたい ときは、 {{officeName}}に きて ください。

{{officeName}}`,
    },
    en: {
      subject: 'School enrolment guide for your child',
      body: `Dear {{familyName}},

{{childName}} can start school from {{entryDate}}.
Children of foreign nationality may attend public elementary and junior high schools; tuition and textbooks are free.
If you would like your child to attend, please apply at {{officeName}}.
Feel free to contact us if you have any questions.

{{officeName}}`,
    },
    vi: {
      subject: 'Hướng dẫn nhập học cho con bạn',
      body: `Kính gửi {{familyName}},

{{childName}} có thể bắt đầu đi học từ ngày {{entryDate}}.
Trẻ em có quốc tịch nước ngoài cũng được học tại trường tiểu học và trung học cơ sở công lập; học phí và sách giáo khoa được miễn phí.
Nếu bạn muốn cho con đi học, vui lòng đăng ký tại {{officeName}}.
Nếu có thắc mắc, xin đừng ngại liên hệ với chúng tôi.

{{officeName}}`,
    },
    zh: {
      subject: '子女入学指南',
      body: `{{familyName}} 您好：

{{childName}}从{{entryDate}}起可以入学。
外国籍儿童也可以进入公立小学、初中就读，学费和教科书免费。
如希望入学，请到{{officeName}}申请。
如有疑问，欢迎随时咨询。

{{officeName}}`,
    },
    pt: {
      subject: 'Guia de matrícula escolar para a sua criança',
      body: `Prezado(a) {{familyName}},

{{childName}} pode começar a frequentar a escola a partir de {{entryDate}}.
Crianças de nacionalidade estrangeira podem estudar nas escolas públicas de ensino fundamental (shōgakkō e chūgakkō); a mensalidade e os livros didáticos são gratuitos.
Se desejar matricular a criança, faça o pedido em {{officeName}}.
Em caso de dúvidas, entre em contato conosco.

{{officeName}}`,
    },
    tl: {
      subject: 'Gabay sa pagpapatala sa paaralan ng inyong anak',
      body: `Mahal na {{familyName}},

Maaari nang magsimulang pumasok sa paaralan si {{childName}} mula {{entryDate}}.
Ang mga batang dayuhan ay maaaring mag-aral sa pampublikong elementarya at junior high school; libre ang matrikula at mga aklat.
Kung nais ninyong pumasok ang inyong anak, mangyaring magpatala sa {{officeName}}.
Huwag mag-atubiling makipag-ugnayan sa amin kung may katanungan kayo.

{{officeName}}`,
    },
    ne: {
      subject: 'तपाईंको बच्चाको विद्यालय भर्ना सम्बन्धी जानकारी',
      body: `आदरणीय {{familyName}} ज्यू,

{{childName}} {{entryDate}} देखि विद्यालय जान सक्नुहुन्छ।
विदेशी नागरिकताका बालबालिकाहरू पनि सार्वजनिक प्राथमिक तथा निम्न माध्यमिक विद्यालयमा पढ्न सक्छन्; शिक्षण शुल्क र पाठ्यपुस्तक निःशुल्क छन्।
बच्चालाई विद्यालय पठाउन चाहनुहुन्छ भने, कृपया {{officeName}} मा आवेदन दिनुहोस्।
कुनै प्रश्न भएमा हामीलाई सम्पर्क गर्नुहोस्।

{{officeName}}`,
    },
    ko: {
      subject: '자녀 학교 입학 안내',
      body: `{{familyName}} 님께

{{childName}} 어린이는 {{entryDate}}부터 학교에 입학할 수 있습니다.
외국 국적의 어린이도 공립 초등학교·중학교에 다닐 수 있으며, 수업료와 교과서는 무료입니다.
입학을 원하시면 {{officeName}}에 신청해 주십시오.
궁금한 점이 있으면 언제든지 문의해 주십시오.

{{officeName}}`,
    },
    id: {
      subject: 'Panduan pendaftaran sekolah untuk anak Anda',
      body: `Yth. {{familyName}},

{{childName}} dapat mulai bersekolah sejak {{entryDate}}.
Anak berkewarganegaraan asing juga dapat bersekolah di SD dan SMP negeri; biaya sekolah dan buku pelajaran gratis.
Jika Anda ingin anak Anda bersekolah, silakan mendaftar di {{officeName}}.
Jangan ragu menghubungi kami jika ada pertanyaan.

{{officeName}}`,
    },
  },
});
