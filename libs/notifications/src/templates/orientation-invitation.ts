import { defineTemplate } from './template.js';

/** Invitation to the newcomers' orientation (生活オリエンテーション). */
export const orientationInvitation = defineTemplate({
  purpose: 'ORIENTATION_INVITATION',
  code: 'orientation-invitation-v1',
  placeholders: ['familyName', 'officeName', 'sessionDate', 'sessionPlace'],
  texts: {
    ja: {
      subject: '生活オリエンテーションのご案内',
      body: `{{familyName}} 様

{{officeName}}では、新しく市に住み始めた外国人の方のために、生活オリエンテーションを開いています。
ごみの出し方、健康保険、税金、災害への備えなど、暮らしに必要なことを説明します。
日時：{{sessionDate}}
場所：{{sessionPlace}}
参加は無料です。ぜひご参加ください。

{{officeName}}`,
    },
    'ja-x-easy': {
      subject: 'せいかつの せつめいかいに きて ください',
      body: `{{familyName}} さん

{{officeName}}で せつめいかいが あります。
ごみの だしかたや ほけんの ことを はなします。
じしんの ときの ことも はなします。
ひ：{{sessionDate}}
ばしょ：{{sessionPlace}}
おかねは いりません。
ぜひ きて ください。

{{officeName}}`,
    },
    en: {
      subject: 'Invitation: orientation on life in the city',
      body: `Dear {{familyName}},

{{officeName}} holds an orientation for foreign residents who have recently moved to the city.
We explain what you need for daily life: sorting garbage, health insurance, taxes and preparing for disasters.
Date: {{sessionDate}}
Place: {{sessionPlace}}
Participation is free. We hope to see you there.

{{officeName}}`,
    },
    vi: {
      subject: 'Thư mời tham dự buổi hướng dẫn cuộc sống',
      body: `Kính gửi {{familyName}},

{{officeName}} tổ chức buổi hướng dẫn cho người nước ngoài mới chuyển đến thành phố.
Chúng tôi sẽ giải thích những điều cần thiết cho cuộc sống hằng ngày: cách phân loại rác, bảo hiểm y tế, thuế và chuẩn bị khi có thiên tai.
Ngày: {{sessionDate}}
Địa điểm: {{sessionPlace}}
Tham gia miễn phí. Rất mong bạn đến tham dự.

{{officeName}}`,
    },
    zh: {
      subject: '生活指导说明会邀请',
      body: `{{familyName}} 您好：

{{officeName}}为新搬到本市居住的外国居民举办生活指导说明会。
我们将介绍日常生活所需的知识：垃圾分类、健康保险、税金以及防灾准备等。
日期：{{sessionDate}}
地点：{{sessionPlace}}
参加免费，欢迎您参加。

{{officeName}}`,
    },
    pt: {
      subject: 'Convite: orientação sobre a vida na cidade',
      body: `Prezado(a) {{familyName}},

Convidamos você para a orientação que {{officeName}} realiza para moradores estrangeiros que chegaram recentemente à cidade.
Explicamos o que é necessário para o dia a dia: separação do lixo, seguro de saúde, impostos e prevenção de desastres.
Data: {{sessionDate}}
Local: {{sessionPlace}}
A participação é gratuita. Esperamos por você.

{{officeName}}`,
    },
    tl: {
      subject: 'Paanyaya: oryentasyon tungkol sa pamumuhay sa lungsod',
      body: `Mahal na {{familyName}},

Ang {{officeName}} ay nagsasagawa ng oryentasyon para sa mga dayuhang residenteng bagong lipat sa lungsod.
Ipapaliwanag namin ang mga kailangan sa araw-araw na pamumuhay: paghihiwalay ng basura, health insurance, buwis at paghahanda sa sakuna.
Petsa: {{sessionDate}}
Lugar: {{sessionPlace}}
Libre ang pagdalo. Inaasahan namin ang inyong pagdating.

{{officeName}}`,
    },
    ne: {
      subject: 'निमन्त्रणा: शहरमा जीवनसम्बन्धी अभिमुखीकरण',
      body: `आदरणीय {{familyName}} ज्यू,

{{officeName}} ले भर्खरै शहरमा सरेका विदेशी बासिन्दाहरूका लागि अभिमुखीकरण कार्यक्रम आयोजना गर्दछ।
फोहोर छुट्याउने तरिका, स्वास्थ्य बीमा, कर र प्रकोपको तयारी जस्ता दैनिक जीवनका लागि आवश्यक कुराहरू बताइनेछ।
मिति: {{sessionDate}}
स्थान: {{sessionPlace}}
सहभागिता निःशुल्क छ। तपाईंको उपस्थितिको अपेक्षा गर्दछौं।

{{officeName}}`,
    },
    ko: {
      subject: '생활 오리엔테이션 안내',
      body: `{{familyName}} 님께

{{officeName}}에서는 최근 시로 이사 오신 외국인 주민을 위한 생활 오리엔테이션을 열고 있습니다.
쓰레기 분리배출, 건강보험, 세금, 재난 대비 등 생활에 필요한 내용을 설명해 드립니다.
일시: {{sessionDate}}
장소: {{sessionPlace}}
참가비는 무료입니다. 꼭 참석해 주십시오.

{{officeName}}`,
    },
    id: {
      subject: 'Undangan: orientasi kehidupan di kota',
      body: `Yth. {{familyName}},

{{officeName}} mengadakan orientasi bagi warga asing yang baru pindah ke kota ini.
Kami akan menjelaskan hal-hal yang diperlukan dalam kehidupan sehari-hari: cara memilah sampah, asuransi kesehatan, pajak dan persiapan menghadapi bencana.
Tanggal: {{sessionDate}}
Tempat: {{sessionPlace}}
Gratis. Kami menantikan kehadiran Anda.

{{officeName}}`,
    },
  },
});
