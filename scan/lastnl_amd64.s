//go:build !purego

#include "textflag.h"

// func lastNLVec(b []byte) int
//
// The index of the last '\n' in b, which holds at least 32 bytes, or -1:
// 32 bytes at a time from the end, then the first len(b)%32 bytes from a
// load at b[0] that overlaps the block after them.
TEXT ·lastNLVec(SB), NOSPLIT, $0-32
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	MOVQ $0x0a, AX
	VMOVQ AX, X1
	VPBROADCASTB X1, Y1

loop:
	CMPQ CX, $32
	JLT head
	VPCMPEQB -32(SI)(CX*1), Y1, Y2
	VPMOVMSKB Y2, AX
	TESTL AX, AX
	JNZ found
	SUBQ $32, CX
	JMP loop

found:
	BSRL AX, AX
	LEAQ -32(CX)(AX*1), AX
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

head:
	// CX < 32 bytes left at b[0:]: those of the mask below bit CX.
	VPCMPEQB (SI), Y1, Y2
	VPMOVMSKB Y2, AX
	VZEROUPPER
	MOVL $1, DX
	SHLL CX, DX
	DECL DX
	ANDL DX, AX
	JZ none
	BSRL AX, AX
	MOVQ AX, ret+24(FP)
	RET

none:
	MOVQ $-1, ret+24(FP)
	RET

// The bytes lineEndVec compares with: '\n', ESC, '>', '|'.
DATA lineBytes<>+0(SB)/4, $0x7c3e1b0a
GLOBL lineBytes<>(SB), RODATA|NOPTR, $4

// func lineEndVec(b []byte) (end, mark int, plain bool)
//
// The index of the first '\n' in b, which holds at least 32 bytes, or
// len(b) if there is none; the index of the first '>' or '|' before it, or
// end if there is none; and whether no byte before it is ESC (0x1b) or
// above 0x7f. end and mark are -1 when plain is false. 32 bytes at a time,
// then the last len(b)%32 bytes from a load of the last 32 that overlaps
// the block before them.
TEXT ·lineEndVec(SB), NOSPLIT, $0-41
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), DX
	XORQ R11, R11
	MOVQ $-1, R13 // the first mark, once seen
	// Broadcast from memory: one instruction each, on every call.
	VPBROADCASTB lineBytes<>+0(SB), Y1 // '\n'
	VPBROADCASTB lineBytes<>+1(SB), Y2 // ESC
	VPBROADCASTB lineBytes<>+2(SB), Y6 // '>'
	VPBROADCASTB lineBytes<>+3(SB), Y8 // '|'

// MASKS sets AX to the newlines of Y3, BX to its ESC bytes and those whose
// top bit is set, R9 to its marks.
#define MASKS \
	VPCMPEQB Y3, Y1, Y4; \
	VPMOVMSKB Y4, AX; \
	VPCMPEQB Y3, Y2, Y5; \
	VPOR Y3, Y5, Y5; \
	VPMOVMSKB Y5, BX; \
	VPCMPEQB Y3, Y6, Y7; \
	VPCMPEQB Y3, Y8, Y9; \
	VPOR Y7, Y9, Y9; \
	VPMOVMSKB Y9, R9

// Most blocks hold none of those bytes: one mask of all of them tells,
// and MASKS sorts them out for the few that do.
loop:
	LEAQ 32(R11), R8
	CMPQ R8, DX
	JGT tail
	VMOVDQU (SI)(R11*1), Y3
	VPCMPEQB Y3, Y1, Y4
	VPCMPEQB Y3, Y2, Y5
	VPOR Y4, Y5, Y5
	VPOR Y3, Y5, Y5
	VPCMPEQB Y3, Y6, Y7
	VPCMPEQB Y3, Y8, Y9
	VPOR Y7, Y9, Y9
	VPOR Y9, Y5, Y5
	VPMOVMSKB Y5, AX
	TESTL AX, AX
	JNZ block
	MOVQ R8, R11
	JMP loop

block:
	MASKS
	TESTL AX, AX
	JNZ found
	TESTL BX, BX
	JNZ dirty
	TESTQ R13, R13
	JGE next
	TESTL R9, R9
	JZ next
	BSFL R9, R13
	ADDQ R11, R13
next:
	MOVQ R8, R11
	JMP loop

found:
	// The bytes up to the first newline: (AX-1)^AX keeps the bits up to
	// its lowest.
	LEAL -1(AX), R8
	XORL AX, R8
	ANDL R8, BX
	JNZ dirty
	BSFL AX, AX
	ADDQ R11, AX
	TESTQ R13, R13
	JGE ret
	ANDL R8, R9
	JZ nomark
	BSFL R9, R13
	ADDQ R11, R13
	JMP ret

nomark:
	MOVQ AX, R13

ret:
	VZEROUPPER
	MOVQ AX, end+24(FP)
	MOVQ R13, mark+32(FP)
	MOVB $1, plain+40(FP)
	RET

dirty:
	VZEROUPPER
	MOVQ $-1, end+24(FP)
	MOVQ $-1, mark+32(FP)
	MOVB $0, plain+40(FP)
	RET

tail:
	// DX-R11 < 32 bytes left: the last 32 bytes of b, shifted so that bit
	// 0 stands for b[R11].
	MOVQ DX, AX
	CMPQ R11, DX
	JEQ noline
	VMOVDQU -32(SI)(DX*1), Y3
	MASKS
	MOVQ R11, CX
	SUBQ DX, CX
	ADDQ $32, CX
	SHRL CX, AX
	SHRL CX, BX
	SHRL CX, R9
	TESTL AX, AX
	JNZ found
	TESTL BX, BX
	JNZ dirty
	TESTQ R13, R13
	JGE noline
	TESTL R9, R9
	JZ noline
	BSFL R9, R13
	ADDQ R11, R13

noline:
	// No newline: the end of b.
	MOVQ DX, AX
	TESTQ R13, R13
	JGE ret
	MOVQ DX, R13
	JMP ret
