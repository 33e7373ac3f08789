//go:build !purego

#include "textflag.h"

// The newline to count, in every byte.
DATA newlines<>+0(SB)/8, $0x0a0a0a0a0a0a0a0a
DATA newlines<>+8(SB)/8, $0x0a0a0a0a0a0a0a0a
DATA newlines<>+16(SB)/8, $0x0a0a0a0a0a0a0a0a
DATA newlines<>+24(SB)/8, $0x0a0a0a0a0a0a0a0a
GLOBL newlines<>(SB), RODATA|NOPTR, $32

// The bytes keyBlocksFind compares with: 'r', 'o', '_', 'd', 'C', '"',
// ':', ' ', '.'.
DATA keyBytes<>+0(SB)/8, $0x203a2243645f6f72
DATA keyBytes<>+8(SB)/8, $0x000000000000002e
GLOBL keyBytes<>(SB), RODATA|NOPTR, $16

// BLOCK tests the 32 positions at CX: the candidates' mask goes to BX, the
// newlines' to R9. Y9 gathers codes (and NUL bytes, with CHECKNUL), Y8
// keys.
#define BLOCK(CHECKNUL) \
	PREFETCHT0 4096(SI)(CX*1); \
	VMOVDQU (SI)(CX*1), Y7; \
	VPCMPEQB newlines<>(SB), Y7, Y12; \
	VPMOVMSKB Y12, R9; \
	VMOVDQU 1(SI)(CX*1), Y9; \
	VPCMPEQB Y7, Y1, Y8; \
	VPCMPEQB Y9, Y1, Y12; \
	VPAND Y12, Y8, Y8; \
	VMOVDQU 2(SI)(CX*1), Y10; \
	VPCMPEQB Y10, Y2, Y12; \
	VPAND Y12, Y8, Y8; \
	VPCMPEQB 3(SI)(CX*1), Y1, Y12; \
	VPAND Y12, Y8, Y8; \
	VPCMPEQB Y9, Y13, Y9; \
	VPCMPGTB Y14, Y7, Y12; \
	VPAND Y12, Y9, Y9; \
	VPCMPGTB Y10, Y14, Y12; \
	VPAND Y12, Y9, Y9; \
	VPCMPGTB Y6, Y10, Y12; \
	VPAND Y12, Y9, Y9; \
	CHECKNUL; \
	VMOVDQU 4(SI)(CX*1), Y10; \
	VPCMPEQB Y10, Y3, Y11; \
	VPCMPEQB 7(SI)(CX*1), Y4, Y12; \
	VPAND Y12, Y11, Y11; \
	VPCMPEQB Y10, Y5, Y12; \
	VPOR Y12, Y11, Y11; \
	VPCMPEQB Y10, Y6, Y10; \
	VMOVDQU 5(SI)(CX*1), Y12; \
	VPMINUB Y12, Y15, Y7; \
	VPCMPEQB Y7, Y12, Y7; \
	VPCMPEQB Y12, Y14, Y12; \
	VPOR Y12, Y7, Y7; \
	VPAND Y10, Y7, Y7; \
	VPCMPEQB 6(SI)(CX*1), Y6, Y10; \
	VPAND Y10, Y12, Y12; \
	VPANDN Y7, Y12, Y7; \
	VPOR Y7, Y11, Y11; \
	VPAND Y11, Y8, Y8; \
	VPOR Y9, Y8, Y8; \
	VPMOVMSKB Y8, BX

#define NUL VPCMPEQB Y7, Y0, Y12; VPOR Y12, Y9, Y9
#define NONUL

// QUICK tests the 32 positions at CX for a superset of the candidates, in a
// third of BLOCK's work: "rr" (the start of "rror"), a byte above ':'
// followed by '.' (the start of a code), and a NUL byte with CHECKNUL. Its
// mask goes to BX, the newlines' to R9. Most blocks of text hold none of
// them; those that do are tested again with BLOCK.
#define QUICK(CHECKNUL) \
	PREFETCHT0 4096(SI)(CX*1); \
	VMOVDQU (SI)(CX*1), Y7; \
	VPCMPEQB newlines<>(SB), Y7, Y12; \
	VPMOVMSKB Y12, R9; \
	VMOVDQU 1(SI)(CX*1), Y9; \
	VPCMPEQB Y7, Y1, Y8; \
	VPCMPEQB Y9, Y1, Y12; \
	VPAND Y12, Y8, Y8; \
	VPCMPEQB Y9, Y13, Y9; \
	VPCMPGTB Y14, Y7, Y12; \
	VPAND Y12, Y9, Y9; \
	VPOR Y9, Y8, Y8; \
	CHECKNUL; \
	VPMOVMSKB Y8, BX

#define QNUL VPCMPEQB Y7, Y0, Y12; VPOR Y12, Y8, Y8

// func keyBlocksFind(b []byte, nb int, nul bool) (i, nl int)
//
// For each position i of 32-byte blocks: b[i:i+4] == "rror" and b[i+4] is
// 'C', or is '_' with b[i+7] == 'd' ("rror_code"), or is '"' with b[i+5]
// at most a space, or a colon not followed by '"' at b[i+6] ("error" as a
// key, but not the "error":"..." of a string value); or b[i] is above ':' and
// below 0x80, b[i+1] is '.' and b[i+2] is from '#' to '9' (the end of a
// code's namespace, a superset that step narrows); or, if nul is set,
// b[i] == 0.
// The lowest matching position is returned, or -1, and the number of
// newlines before it (of all the blocks, if none). VEX encoding
// throughout: a legacy SSE instruction with the upper halves of the Y
// registers dirty costs a state transition of hundreds of cycles.
TEXT ·keyBlocksFind(SB), NOSPLIT, $0-56
	MOVQ b_base+0(FP), SI
	MOVQ nb+24(FP), DX
	SHLQ $5, DX
	XORQ CX, CX
	XORQ R8, R8 // newlines counted
	TESTQ DX, DX
	JLE none

	// Each byte broadcast from keyBytes: one instruction each, where a
	// move to X first takes three, on every call.
	VPBROADCASTB keyBytes<>+0(SB), Y1 // 'r'
	VPBROADCASTB keyBytes<>+1(SB), Y2 // 'o'
	VPBROADCASTB keyBytes<>+2(SB), Y3 // '_'
	VPBROADCASTB keyBytes<>+3(SB), Y4 // 'd'
	VPBROADCASTB keyBytes<>+4(SB), Y5 // 'C'
	VPBROADCASTB keyBytes<>+5(SB), Y6 // '"'
	VPBROADCASTB keyBytes<>+6(SB), Y14 // ':'
	VPBROADCASTB keyBytes<>+7(SB), Y15 // ' '
	VPXOR Y0, Y0, Y0
	VPBROADCASTB keyBytes<>+8(SB), Y13 // '.'
	// "rror" at Y8; what follows it makes a key at Y11; a code, a byte
	// above ':' (a letter), '.' and a byte from '#' to '9' (a digit), at
	// Y9, with NUL bytes if nul. The vector compares are signed: bytes of
	// 0x80 and above are neither letters nor digits.
	CMPB nul+32(FP), $0
	JEQ loopnonul

loop:
	QUICK(QNUL)
	TESTL BX, BX
	JNZ exact
next:
	POPCNTL R9, R9
	ADDQ R9, R8
	ADDQ $32, CX
	CMPQ CX, DX
	JLT loop
	VZEROUPPER
	JMP none

exact:
	BLOCK(NUL)
	TESTL BX, BX
	JNZ found
	JMP next

loopnonul:
	QUICK(NONUL)
	TESTL BX, BX
	JNZ exactnonul
nextnonul:
	POPCNTL R9, R9
	ADDQ R9, R8
	ADDQ $32, CX
	CMPQ CX, DX
	JLT loopnonul
	VZEROUPPER
	JMP none

exactnonul:
	BLOCK(NONUL)
	TESTL BX, BX
	JNZ found
	JMP nextnonul

none:
	MOVQ $-1, i+40(FP)
	MOVQ R8, nl+48(FP)
	RET

found:
	// The newlines of the block up to the candidate: (BX-1)^BX keeps the
	// bits up to its lowest, which is no newline.
	LEAL -1(BX), R10
	XORL BX, R10
	ANDL R10, R9
	POPCNTL R9, R9
	ADDQ R9, R8
	BSFL BX, BX
	ADDQ CX, BX
	VZEROUPPER
	MOVQ BX, i+40(FP)
	MOVQ R8, nl+48(FP)
	RET

// func hasAVX2() bool
TEXT ·hasAVX2(SB), NOSPLIT, $0-1
	XORL AX, AX
	XORL CX, CX
	CPUID
	CMPL AX, $7
	JLT no
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// POPCNT (bit 23), OSXSAVE (bit 27) and AVX (bit 28) of ECX.
	ANDL $0x18800000, CX
	CMPL CX, $0x18800000
	JNE no
	// The OS saves the XMM and YMM state (XCR0 bits 1 and 2).
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE no
	MOVL $7, AX
	XORL CX, CX
	CPUID
	// AVX2: bit 5 of EBX.
	SHRL $5, BX
	ANDL $1, BX
	MOVB BX, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

