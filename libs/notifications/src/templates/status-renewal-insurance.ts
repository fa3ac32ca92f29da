import { defineTemplate } from './template.js';

/**
 * The period of stay ends soon: renewing it at immigration needs proof of health insurance (sent
 * on the reminder schedule, e.g. 90, 60 and 30 days before the expiry).
 */
export const statusRenewalInsurance = defineTemplate({
  purpose: 'STATUS_RENEWAL_INSURANCE',
  code: 'status-renewal-insurance-v1',
  placeholders: ['familyName', 'officeName', 'expiryDate'],
  texts: {
    ja: {
      subject: '在留期間の更新と健康保険の証明についてのお知らせ',
      body: `{{familyName}} 様

あなたの在留期間は {{expiryDate}} までです。
在留期間の更新を出入国在留管理局に申請するときは、健康保険に加入していることを示す書類の提示を求められます。
健康保険に加入していない場合や、保険料の未納がある場合は、早めに{{officeName}}にご相談ください。
更新の申請は、在留期間が満了する3か月前からできます。

{{officeName}}`,
    },
    'ja-x-easy': {
      subject: 'にほんに いられる きかんが もうすぐ おわります',
      body: `{{familyName}} さん

あなたが にほんに いられる きかんは {{expiryDate}} までです。
きかんを のばす てつづきを して ください。
てつづきの とき、 けんこう ほけんの しょうめいを みせます。
ほけんが ない ひとは、 はやく {{officeName}}に きて ください。
てつづきは、 おわる 3かげつ まえから できます。

{{officeName}}`,
    },
    en: {
      subject: 'Renewing your period of stay: proof of health insurance',
      body: `Dear {{familyName}},

Your period of stay ends on {{expiryDate}}.
When you apply to extend it at the Immigration Services Bureau, you will be asked to show that you are enrolled in health insurance.
If you are not enrolled, or if you have unpaid insurance premiums, please contact {{officeName}} soon.
You can apply for the extension from three months before your period of stay ends.

{{officeName}}`,
    },
    vi: {
      subject: 'Gia hạn thời gian lưu trú: giấy tờ chứng minh bảo hiểm y tế',
      body: `Kính gửi {{familyName}},

Thời gian lưu trú của bạn hết hạn vào ngày {{expiryDate}}.
Khi nộp đơn gia hạn tại Cục Quản lý Xuất nhập cảnh và Lưu trú, bạn sẽ được yêu cầu xuất trình giấy tờ chứng minh đã tham gia bảo hiểm y tế.
Nếu bạn chưa tham gia bảo hiểm hoặc còn nợ phí bảo hiểm, vui lòng liên hệ sớm với {{officeName}}.
Bạn có thể nộp đơn gia hạn từ 3 tháng trước khi hết hạn lưu trú.

{{officeName}}`,
    },
    zh: {
      subject: '关于更新在留期间及健康保险证明的通知',
      body: `{{familyName}} 您好：

您的在留期间将于{{expiryDate}}到期。
在出入国在留管理局申请更新时，需要出示已加入健康保险的证明。
如果您尚未加入健康保险，或有未缴纳的保险费，请尽早联系{{officeName}}。
更新申请可在在留期间到期前3个月开始办理。

{{officeName}}`,
    },
    pt: {
      subject: 'Renovação do período de permanência: comprovante de seguro de saúde',
      body: `Prezado(a) {{familyName}},

O seu período de permanência termina em {{expiryDate}}.
Ao pedir a renovação no Escritório Regional de Imigração, será necessário mostrar que você está inscrito(a) em um seguro de saúde.
Se você não tem seguro ou tem contribuições em atraso, entre em contato com {{officeName}} o quanto antes.
O pedido de renovação pode ser feito a partir de três meses antes do fim do período.

{{officeName}}`,
    },
    tl: {
      subject: 'Pag-renew ng panahon ng paninirahan: patunay ng health insurance',
      body: `Mahal na {{familyName}},

Ang inyong panahon ng paninirahan ay matatapos sa {{expiryDate}}.
Kapag nag-apply kayo ng extension sa Immigration Services Bureau, hihingan kayo ng patunay na kayo ay nakatala sa health insurance.
Kung wala kayong insurance o may hindi pa nababayarang hulog, mangyaring makipag-ugnayan agad sa {{officeName}}.
Maaari kayong mag-apply ng extension simula tatlong buwan bago matapos ang inyong panahon ng paninirahan.

{{officeName}}`,
    },
    ne: {
      subject: 'बसाइ अवधि नवीकरण: स्वास्थ्य बीमाको प्रमाण',
      body: `आदरणीय {{familyName}} ज्यू,

तपाईंको बसाइ अवधि {{expiryDate}} मा समाप्त हुन्छ।
अध्यागमन सेवा ब्यूरोमा नवीकरणको आवेदन दिँदा, तपाईं स्वास्थ्य बीमामा आबद्ध भएको प्रमाण देखाउन भनिनेछ।
यदि तपाईं बीमामा आबद्ध हुनुहुन्न वा बीमा शुल्क बाँकी छ भने, चाँडै {{officeName}} मा सम्पर्क गर्नुहोस्।
बसाइ अवधि समाप्त हुनुभन्दा तीन महिना अगाडिदेखि नवीकरणको आवेदन दिन सकिन्छ।

{{officeName}}`,
    },
    ko: {
      subject: '재류기간 갱신 및 건강보험 증명 안내',
      body: `{{familyName}} 님께

귀하의 재류기간은 {{expiryDate}}에 만료됩니다.
출입국재류관리국에서 갱신을 신청할 때 건강보험 가입을 증명하는 서류를 제시해야 합니다.
건강보험에 가입하지 않았거나 미납된 보험료가 있는 경우 서둘러 {{officeName}}에 문의해 주십시오.
갱신 신청은 재류기간 만료 3개월 전부터 할 수 있습니다.

{{officeName}}`,
    },
    id: {
      subject: 'Perpanjangan masa tinggal: bukti asuransi kesehatan',
      body: `Yth. {{familyName}},

Masa tinggal Anda berakhir pada {{expiryDate}}.
Saat mengajukan perpanjangan di Kantor Imigrasi, Anda akan diminta menunjukkan bukti bahwa Anda terdaftar dalam asuransi kesehatan.
Jika Anda belum terdaftar atau masih memiliki tunggakan iuran, segera hubungi {{officeName}}.
Permohonan perpanjangan dapat diajukan mulai tiga bulan sebelum masa tinggal berakhir.

{{officeName}}`,
    },
  },
});
