import { defineTemplate } from './template.js';

/** The one follow-up of an orientation invitation, for those who have not come yet. */
export const orientationFollowUp = defineTemplate({
  purpose: 'ORIENTATION_FOLLOW_UP',
  code: 'orientation-follow-up-v1',
  placeholders: ['familyName', 'officeName', 'sessionDate', 'sessionPlace'],
  texts: {
    ja: {
      subject: '生活オリエンテーションのご案内（再送）',
      body: `{{familyName}} 様

先日、生活オリエンテーションのご案内をお送りしました。
まだ参加されていない方のために、次の回を開きます。
日時：{{sessionDate}}
場所：{{sessionPlace}}
暮らしに役立つ情報をお伝えします。ぜひご参加ください。

{{officeName}}`,
    },
    'ja-x-easy': {
      subject: 'せつめいかいが もう いちど あります',
      body: `{{familyName}} さん

まえに せつめいかいの てがみを おくりました。
もう いちど せつめいかいが あります。
ひ：{{sessionDate}}
ばしょ：{{sessionPlace}}
せいかつに やくだつ ことを はなします。
ぜひ きて ください。

{{officeName}}`,
    },
    en: {
      subject: 'Reminder: orientation on life in the city',
      body: `Dear {{familyName}},

We recently invited you to our orientation for new residents.
If you have not been able to attend yet, you are welcome at the next session.
Date: {{sessionDate}}
Place: {{sessionPlace}}
You will learn useful things for daily life in the city.

{{officeName}}`,
    },
    vi: {
      subject: 'Nhắc lại: buổi hướng dẫn cuộc sống',
      body: `Kính gửi {{familyName}},

Gần đây chúng tôi đã gửi thư mời bạn tham dự buổi hướng dẫn dành cho cư dân mới.
Nếu bạn chưa thể tham dự, mời bạn đến buổi tiếp theo.
Ngày: {{sessionDate}}
Địa điểm: {{sessionPlace}}
Bạn sẽ nhận được nhiều thông tin hữu ích cho cuộc sống hằng ngày.

{{officeName}}`,
    },
    zh: {
      subject: '再次通知：生活指导说明会',
      body: `{{familyName}} 您好：

我们前些时候向您发出了生活指导说明会的邀请。
如果您还没有参加，欢迎参加下一次说明会。
日期：{{sessionDate}}
地点：{{sessionPlace}}
您将了解到日常生活中的实用信息。

{{officeName}}`,
    },
    pt: {
      subject: 'Lembrete: orientação sobre a vida na cidade',
      body: `Prezado(a) {{familyName}},

Recentemente enviamos um convite para a orientação aos novos moradores.
Se você ainda não pôde participar, venha à próxima sessão.
Data: {{sessionDate}}
Local: {{sessionPlace}}
Você receberá informações úteis para o dia a dia na cidade.

{{officeName}}`,
    },
    tl: {
      subject: 'Paalala: oryentasyon tungkol sa pamumuhay sa lungsod',
      body: `Mahal na {{familyName}},

Kamakailan ay inanyayahan namin kayo sa oryentasyon para sa mga bagong residente.
Kung hindi pa kayo nakadalo, malugod namin kayong inaanyayahan sa susunod na sesyon.
Petsa: {{sessionDate}}
Lugar: {{sessionPlace}}
Makakakuha kayo ng kapaki-pakinabang na impormasyon para sa araw-araw na pamumuhay.

{{officeName}}`,
    },
    ne: {
      subject: 'सम्झना: शहरमा जीवनसम्बन्धी अभिमुखीकरण',
      body: `आदरणीय {{familyName}} ज्यू,

हामीले भर्खरै तपाईंलाई नयाँ बासिन्दाहरूका लागि अभिमुखीकरणमा निमन्त्रणा पठाएका थियौं।
यदि तपाईं अझै सहभागी हुन सक्नुभएको छैन भने, अर्को कार्यक्रममा आउनुहोस्।
मिति: {{sessionDate}}
स्थान: {{sessionPlace}}
दैनिक जीवनका लागि उपयोगी जानकारी पाउनुहुनेछ।

{{officeName}}`,
    },
    ko: {
      subject: '다시 안내: 생활 오리엔테이션',
      body: `{{familyName}} 님께

얼마 전 신규 주민 생활 오리엔테이션 안내를 보내 드렸습니다.
아직 참석하지 못하셨다면 다음 회차에 참석해 주십시오.
일시: {{sessionDate}}
장소: {{sessionPlace}}
일상생활에 유용한 정보를 알려 드립니다.

{{officeName}}`,
    },
    id: {
      subject: 'Pengingat: orientasi kehidupan di kota',
      body: `Yth. {{familyName}},

Beberapa waktu lalu kami mengundang Anda ke orientasi untuk warga baru.
Jika Anda belum sempat hadir, silakan datang ke sesi berikutnya.
Tanggal: {{sessionDate}}
Tempat: {{sessionPlace}}
Anda akan mendapat informasi yang berguna untuk kehidupan sehari-hari.

{{officeName}}`,
    },
  },
});
