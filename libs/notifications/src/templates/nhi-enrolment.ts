import { defineTemplate } from './template.js';

/** Join National Health Insurance (国民健康保険): no health insurance on record. */
export const nhiEnrolment = defineTemplate({
  purpose: 'NHI_ENROLMENT',
  code: 'nhi-enrolment-v1',
  placeholders: ['familyName', 'officeName'],
  texts: {
    ja: {
      subject: '国民健康保険の加入手続きのお知らせ',
      body: `{{familyName}} 様

日本に住む方で、職場の健康保険に入っていない方は、国民健康保険に加入する必要があります。
市の記録では、あなたの健康保険の加入が確認できていません。
在留カードと、前の保険をやめた証明書（お持ちの場合）を持って、{{officeName}}で手続きをしてください。
すでに手続きがお済みの場合は、このお知らせは破棄してください。

{{officeName}}`,
    },
    'ja-x-easy': {
      subject: 'けんこう ほけんに はいって ください',
      body: `{{familyName}} さん

にほんに すむ ひとは みんな けんこう ほけんに はいります。
あなたは まだ ほけんに はいって いない かもしれません。
ざいりゅう カードを もって {{officeName}}に きて ください。
もう はいって いる ひとは、 この てがみは いりません。

{{officeName}}`,
    },
    en: {
      subject: 'Please enrol in National Health Insurance',
      body: `Dear {{familyName}},

Everyone living in Japan who is not covered by a workplace health insurance plan must join National Health Insurance (NHI).
Our records do not show health insurance for you.
Please come to {{officeName}} with your residence card and, if you have one, the certificate showing that your previous insurance ended.
If you have already enrolled, please ignore this notice.

{{officeName}}`,
    },
    vi: {
      subject: 'Vui lòng đăng ký Bảo hiểm Y tế Quốc dân',
      body: `Kính gửi {{familyName}},

Người sống tại Nhật Bản mà không tham gia bảo hiểm y tế tại nơi làm việc phải tham gia Bảo hiểm Y tế Quốc dân.
Theo hồ sơ của chúng tôi, chưa có thông tin về bảo hiểm y tế của bạn.
Vui lòng mang thẻ lưu trú (và giấy chứng nhận đã rời bảo hiểm cũ, nếu có) đến {{officeName}} để làm thủ tục.
Nếu bạn đã đăng ký rồi, xin vui lòng bỏ qua thông báo này.

{{officeName}}`,
    },
    zh: {
      subject: '请办理国民健康保险加入手续',
      body: `{{familyName}} 您好：

居住在日本、且未参加工作单位健康保险的人，必须加入国民健康保险。
根据我们的记录，尚未确认您已参加健康保险。
请携带在留卡（如有，请同时携带原保险的资格丧失证明）到{{officeName}}办理手续。
如果您已经办理，请忽略本通知。

{{officeName}}`,
    },
    pt: {
      subject: 'Faça a inscrição no Seguro Nacional de Saúde',
      body: `Prezado(a) {{familyName}},

Quem mora no Japão e não tem seguro de saúde pelo trabalho deve se inscrever no Seguro Nacional de Saúde (Kokumin Kenkō Hoken).
Em nossos registros, não consta seguro de saúde em seu nome.
Compareça a {{officeName}} com o seu cartão de residente (zairyū card) e, se tiver, o comprovante de saída do seguro anterior.
Se você já fez a inscrição, desconsidere este aviso.

{{officeName}}`,
    },
    tl: {
      subject: 'Mangyaring magpatala sa National Health Insurance',
      body: `Mahal na {{familyName}},

Ang lahat ng nakatira sa Japan na walang health insurance mula sa trabaho ay kailangang magpatala sa National Health Insurance.
Ayon sa aming talaan, wala pa kayong health insurance.
Mangyaring pumunta sa {{officeName}} dala ang inyong residence card at, kung mayroon, ang katibayan na natapos na ang dati ninyong insurance.
Kung nakapagpatala na kayo, huwag na pong pansinin ang abisong ito.

{{officeName}}`,
    },
    ne: {
      subject: 'कृपया राष्ट्रिय स्वास्थ्य बीमामा दर्ता गर्नुहोस्',
      body: `आदरणीय {{familyName}} ज्यू,

जापानमा बस्ने र कार्यस्थलको स्वास्थ्य बीमामा आबद्ध नभएका सबैले राष्ट्रिय स्वास्थ्य बीमामा दर्ता गर्नुपर्छ।
हाम्रो अभिलेखमा तपाईंको स्वास्थ्य बीमा देखिएको छैन।
कृपया आफ्नो रेसिडेन्स कार्ड र, भएमा, पुरानो बीमा समाप्त भएको प्रमाणपत्र लिएर {{officeName}} मा आउनुहोस्।
यदि तपाईंले पहिले नै दर्ता गरिसक्नुभएको छ भने, यो सूचनालाई बेवास्ता गर्नुहोस्।

{{officeName}}`,
    },
    ko: {
      subject: '국민건강보험 가입 안내',
      body: `{{familyName}} 님께

일본에 거주하며 직장 건강보험에 가입되어 있지 않은 분은 국민건강보험에 가입해야 합니다.
저희 기록에는 귀하의 건강보험 가입이 확인되지 않습니다.
재류카드와 (있는 경우) 이전 보험의 자격 상실 증명서를 지참하여 {{officeName}}에서 가입 절차를 밟아 주십시오.
이미 가입하신 경우에는 이 안내를 무시하셔도 됩니다.

{{officeName}}`,
    },
    id: {
      subject: 'Mohon mendaftar Asuransi Kesehatan Nasional',
      body: `Yth. {{familyName}},

Setiap orang yang tinggal di Jepang dan tidak ikut asuransi kesehatan dari tempat kerja wajib mendaftar Asuransi Kesehatan Nasional (Kokumin Kenkō Hoken).
Menurut catatan kami, Anda belum terdaftar dalam asuransi kesehatan.
Silakan datang ke {{officeName}} dengan membawa kartu izin tinggal (residence card) dan, jika ada, surat keterangan berakhirnya asuransi sebelumnya.
Jika Anda sudah mendaftar, abaikan pemberitahuan ini.

{{officeName}}`,
    },
  },
});
